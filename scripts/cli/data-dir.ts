import os from 'node:os';
import path from 'node:path';

/**
 * --data, else DANGAN_DATA, else the per-user folder Electron's app.getPath('userData')
 * uses for "Dangan", so the desktop app and the CLI find the same archive.
 */
export function resolveDataDir(flag: string | undefined, env = process.env, platform = process.platform): string {
  if (flag) return path.resolve(flag);
  if (env.DANGAN_DATA) return path.resolve(env.DANGAN_DATA);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Dangan');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Dangan');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Dangan');
}
