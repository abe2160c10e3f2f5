import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { warmCaches } from '../../../electron/core/app';
import { startBridge } from '../../../electron/transports/http';
import { CliError, err, openCore, out } from '../io';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const RENDERER_DIR = path.join(ROOT, 'dist/renderer');
/** Where serve keeps the bridge token when asked for a fixed port, so the address stays the same. */
export const TOKEN_FILE = 'serve-token';

function openBrowser(url: string): void {
  const cmd = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '""', url] : [url];
  try {
    const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => err('未能自动打开浏览器，请手动打开上面的地址。'));
    child.unref();
  } catch {
    err('未能自动打开浏览器，请手动打开上面的地址。');
  }
}

/**
 * A fresh clone has no built UI: build it once, as `npm start` does, instead of serving
 * a page that says it is missing. DANGAN_RENDERER_DIR points serve (and this build) elsewhere.
 */
function ensureRendererBuilt(dir: string): void {
  if (fs.existsSync(path.join(dir, 'index.html'))) return;
  err('首次启动：界面尚未构建，正在构建（约需一分钟）…');
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'renderer/vite.config.ts', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (r.status !== 0 || !fs.existsSync(path.join(dir, 'index.html')))
    throw new CliError('界面构建失败（见上面的输出）。可手动运行 npm run build:renderer 后再试。');
}

/** The same token on every start with a fixed port (a bookmark keeps working); a new one otherwise. */
function bridgeToken(dataDir: string, fixedPort: boolean): string | undefined {
  if (!fixedPort) return undefined;
  const file = path.join(dataDir, TOKEN_FILE);
  try {
    const saved = fs.readFileSync(file, 'utf8').trim();
    if (/^[\w-]{32,}$/.test(saved)) return saved;
  } catch {
    /* first start with this port: make one */
  }
  const token = randomBytes(24).toString('base64url');
  fs.writeFileSync(file, token, { mode: 0o600 });
  return token;
}

/**
 * `dangan serve`: the core plus the localhost bridge; prints the URL (with its token) on stdout.
 * It acts as nobody itself (openCore, no session): the people using the window log in
 * through the bridge, and every call of theirs goes through dispatch.
 */
export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '0' },
      'no-open': { type: 'boolean', default: false },
      static: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535)
    throw new CliError('--port 应为 1 到 65535 的端口号（0 表示自动选择）', 2);
  const staticDir = values.static ?? process.env.DANGAN_RENDERER_DIR ?? RENDERER_DIR;
  if (!values.static) ensureRendererBuilt(staticDir);
  const core = openCore(values.data);
  let bridge;
  try {
    bridge = await startBridge(core, { port, staticDir, token: bridgeToken(core.ctx.dataDir, port !== 0) });
  } catch (e) {
    await core.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new CliError(
        `端口 ${port} 已被占用（可能另一个 dangan serve 或其他程序正在使用）。请关闭占用它的程序，或用 --port 换一个端口，或不带 --port 由系统自动选择。`,
      );
    throw e;
  }
  warmCaches(core);
  out(bridge.url);
  err(`档案系统已在本机启动（仅本机可访问），数据目录：${core.ctx.dataDir}。`);
  err('请用上面这一行完整的地址（含 #token= 部分）打开；按 Ctrl+C 退出。');
  if (!values['no-open']) openBrowser(bridge.url);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await bridge.close();
  await core.close();
  return 0;
}
