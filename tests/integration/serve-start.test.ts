import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dangan, setupViaCli } from '../helpers/cli';
import { tempDir } from '../helpers/test-core';
import { startServe, stopProcess, type ServeHandle } from '../e2e/support/server';

let serve: ServeHandle | undefined;
const cleanup: string[] = [];
afterEach(async () => {
  await serve?.stop();
  serve = undefined;
  for (const d of cleanup.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A port that was free a moment ago (the OS picks it; nothing depends on a fixed number). */
async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('dangan serve', () => {
  it('builds the UI on a fresh clone instead of serving a page that says it is missing', async () => {
    const dir = tempDir('dangan-serve-');
    setupViaCli(dir);
    const ui = path.join(tempDir('dangan-ui-'), 'renderer');
    cleanup.push(path.dirname(ui));
    serve = await startServe(dir, { env: { DANGAN_RENDERER_DIR: ui } });
    expect(fs.existsSync(path.join(ui, 'index.html'))).toBe(true);
    const page = await fetch(serve.origin + '/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  }, 300_000);

  it('keeps the same address on a fixed port and says in Chinese when the port is taken', async () => {
    const dir = tempDir('dangan-serve-');
    setupViaCli(dir);
    const staticDir = tempDir('dangan-static-');
    cleanup.push(staticDir);
    const port = await freePort();
    const args = ['--port', String(port), '--static', staticDir];
    serve = await startServe(dir, { args });
    const first = serve.url;
    expect(first).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/#token=[\\w-]{32,}$`));

    // The port is taken (here by the first app): a clear Chinese message, exit 1, no lock left behind.
    const other = tempDir('dangan-serve-');
    cleanup.push(other);
    setupViaCli(other);
    const clash = dangan(['serve', '--data', other, '--no-open', ...args]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain(`端口 ${port} 已被占用`);
    expect(clash.stderr).not.toMatch(/EADDRINUSE|at Server/);
    expect(fs.existsSync(path.join(other, 'dangan.lock'))).toBe(false);

    await stopProcess(serve.proc);
    serve = await startServe(dir, { args });
    expect(serve.url).toBe(first);
    // Without --port each start gets a fresh token.
    await stopProcess(serve.proc);
    serve = await startServe(dir, { args: ['--port', '0', '--static', staticDir] });
    expect(new URL(serve.url).hash).not.toBe(new URL(first).hash);
  }, 300_000);
});
