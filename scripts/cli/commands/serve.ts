import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { warmCaches } from '../../../electron/core/app';
import { startBridge } from '../../../electron/transports/http';
import { err, openCore, out } from '../io';

export const RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/renderer');

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

/** `dangan serve`: the core plus the localhost bridge; prints the URL (with its token) on stdout. */
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
  const core = openCore(values.data);
  const bridge = await startBridge(core, { port: Number(values.port), staticDir: values.static ?? RENDERER_DIR });
  warmCaches(core);
  out(bridge.url);
  err(`档案系统已在本机启动（仅本机可访问），数据目录：${core.ctx.dataDir}。按 Ctrl+C 退出。`);
  if (!values['no-open']) openBrowser(bridge.url);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await bridge.close();
  core.close();
  return 0;
}
