/**
 * The real `dangan serve` bridge survives whatever a client sends: malformed paths, headers
 * and bodies, sent raw over TCP. Each gets a 4xx answer (or its own connection dropped),
 * and after all of them the server still answers a normal request.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupViaCli } from '../helpers/cli';
import { tempDir } from '../helpers/test-core';
import { startServe, type ServeHandle } from '../e2e/support/server';

let serve: ServeHandle;
let port: number;
let token: string;
let staticDir: string;

beforeAll(async () => {
  const dir = tempDir('dangan-serve-bad-');
  setupViaCli(dir);
  staticDir = tempDir('dangan-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><div id="root"></div>');
  serve = await startServe(dir, { args: ['--port', '0', '--static', staticDir] });
  port = Number(new URL(serve.url).port);
  token = new URL(serve.url).hash.replace('#token=', '');
}, 120_000);

afterAll(async () => {
  await serve?.stop();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

interface Reply {
  /** null: the server closed the connection without an answer. */
  status: number | null;
  text: string;
  bytes: Buffer;
}

/** Sends bytes exactly as given and reads until the server closes the connection. */
function raw(request: string | Buffer, opts: { halfClose?: boolean } = {}): Promise<Reply> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => undefined); // a reset after a 413 is an answer too
    socket.on('close', () => {
      const bytes = Buffer.concat(chunks);
      const text = bytes.toString('utf8');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : null, text, bytes });
    });
    socket.write(request, () => {
      if (opts.halfClose) socket.end();
    });
  });
}

const host = () => `127.0.0.1:${port}`;
const get = (target: string, headers = '') =>
  raw(`GET ${target} HTTP/1.1\r\nHost: ${host()}\r\n${headers}Connection: close\r\n\r\n`);
const rpc = (body: string | Buffer, headers = `X-Dangan-Token: ${token}\r\nContent-Type: application/json\r\n`) =>
  raw(
    Buffer.concat([
      Buffer.from(
        `POST /rpc HTTP/1.1\r\nHost: ${host()}\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
      ),
      Buffer.from(body),
    ]),
  );
/** The JSON body of a reply (un-chunked when sent in chunks). */
function bodyOf(r: Reply): Record<string, unknown> {
  const split = r.bytes.indexOf('\r\n\r\n');
  let body = r.bytes.subarray(split + 4);
  if (/^transfer-encoding: chunked/im.test(r.bytes.subarray(0, split).toString('latin1'))) {
    const parts: Buffer[] = [];
    for (let at = 0; ;) {
      const eol = body.indexOf('\r\n', at);
      const size = parseInt(body.subarray(at, eol).toString('latin1'), 16);
      if (!size) break;
      parts.push(body.subarray(eol + 2, eol + 2 + size));
      at = eol + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  }
  return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
}

/** The server is alive and well: the UI and a contract call both answer. */
async function stillServes(): Promise<void> {
  expect(serve.proc.exitCode).toBeNull();
  const page = await fetch(`http://127.0.0.1:${port}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<div id="root">');
  const r = await fetch(`http://127.0.0.1:${port}/rpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dangan-token': token },
    body: JSON.stringify({ method: 'system.status', input: {} }),
  });
  expect(((await r.json()) as { ok: boolean }).ok).toBe(true);
}

describe('dangan serve against malformed requests', () => {
  it('paths: bad percent-encoding, NUL, overlong, .. — answered, never served outside the UI', async () => {
    expect((await get('/%E0%A4%A')).status).toBe(400); // the request that used to kill serve
    expect((await get('/%E0%A4%A', 'X-Dangan-Token: nonsense\r\n')).status).toBe(400);
    expect((await get('/assets/%ZZ.js')).status).toBe(400);
    expect((await get('/%00')).status).toBe(400);
    expect((await get('/index.html%00.png')).status).toBe(400);
    expect((await get('/' + 'a'.repeat(4000))).status).toBe(414);
    expect((await get('/' + 'a'.repeat(70_000))).status).toBe(431); // over the parser's head limit
    expect((await raw(`GET /a\u0000b HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`)).status).toBe(400);
    for (const p of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd']) {
      const r = await get(p);
      expect(r.status, p).toBe(200);
      expect(r.text, p).toContain('<div id="root">'); // the UI's page, not the file
      expect(r.text, p).not.toContain('root:');
    }
    expect((await raw('NONSENSE\r\n\r\n')).status).toBe(400);
    await stillServes();
  });

  it('headers: wrong or missing Host and Origin, a huge header, bad or doubled tokens', async () => {
    expect((await raw('GET / HTTP/1.1\r\nConnection: close\r\n\r\n')).status).toBeGreaterThanOrEqual(400);
    expect((await raw('GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n')).status).toBe(403);
    // A second Host is ignored; the first one decides.
    expect(
      (await raw(`GET / HTTP/1.1\r\nHost: evil.example\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`)).status,
    ).toBe(403);
    expect((await get('/', 'Origin: http://evil.example\r\n')).status).toBe(403);
    expect((await get('/', 'Origin: %E0%A4%A\r\n')).status).toBe(403);
    expect((await get('/', `X-Big: ${'x'.repeat(100_000)}\r\n`)).status).toBe(431);
    expect((await get('/', 'Bad Header: x\r\n')).status).toBe(400);
    expect((await get('/', 'X-Ctl: a\u0001b\r\n')).status).toBe(400);
    expect((await rpc('{}', 'X-Dangan-Token: wrong\r\nContent-Type: application/json\r\n')).status).toBe(401);
    expect((await rpc('{}', `X-Dangan-Token: ${token}\r\nX-Dangan-Token: ${token}\r\n`)).status).toBe(401);
    expect((await get('/events?token=wrong')).status).toBe(401);
    expect((await get('/events?token=%E0%A4%A')).status).toBe(401);
    expect((await get('/pdf/no-such-ticket/a.pdf')).status).toBe(404);
    expect((await get('/pdf/%E0%A4%A/%00')).status).toBe(404);
    await stillServes();
  });

  it('bodies: invalid JSON, not an object, wrong content type, huge, deeply nested, truncated', async () => {
    expect((await rpc('{"method": "system.status", ')).status).toBe(400);
    expect((await rpc('\u0000\u00ff')).status).toBe(400);
    for (const body of ['null', '[]', '"system.status"', '42']) expect((await rpc(body)).status, body).toBe(400);
    // A method name that cannot even be turned into text.
    const odd = await rpc('{"method": {"toString": 1, "valueOf": 2}, "input": null}');
    expect(odd.status).toBe(200);
    expect(bodyOf(odd)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect((await rpc('{}', `X-Dangan-Token: ${token}\r\nContent-Type: text/plain\r\n`)).status).toBe(415);
    // Declared larger than the bridge takes (64 MiB): refused before any of it is read.
    const huge = await raw(
      `POST /rpc HTTP/1.1\r\nHost: ${host()}\r\nX-Dangan-Token: ${token}\r\nContent-Type: application/json\r\nContent-Length: ${2 ** 30}\r\n\r\n{"method":`,
    );
    expect(huge.status).toBe(413);
    expect(
      (await raw(`POST /rpc HTTP/1.1\r\nHost: ${host()}\r\nContent-Length: -5\r\nConnection: close\r\n\r\n`)).status,
    ).toBe(400);
    // Nested far deeper than any input: refused by the contract, not by a stack overflow.
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    for (const body of [
      `{"method":"system.status","input":${deep}}`,
      `{"method":"auth.login","input":{"username":${deep}}}`,
    ]) {
      const r = await rpc(body);
      expect(r.status).toBe(200);
      expect(bodyOf(r)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    // Truncated: fewer bytes than declared, then the client hangs up.
    const cut = await raw(
      `POST /rpc HTTP/1.1\r\nHost: ${host()}\r\nX-Dangan-Token: ${token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"method":"sys`,
      { halfClose: true },
    );
    expect([null, 400]).toContain(cut.status); // dropped, or refused by the parser
    // Broken chunked encoding.
    const chunked = await raw(
      `POST /rpc HTTP/1.1\r\nHost: ${host()}\r\nX-Dangan-Token: ${token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`,
    );
    expect(chunked.status).toBe(400);
    // The PDF ticket endpoint: the same.
    const ticket = (body: string) =>
      raw(
        `POST /pdf-ticket HTTP/1.1\r\nHost: ${host()}\r\nX-Dangan-Token: ${token}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    expect((await ticket('{"pageIds": [')).status).toBe(400);
    expect((await ticket('x'.repeat(10_000))).status).toBe(400);
    await stillServes();
  });

  it('an event stream that hangs up at once leaves the server serving', async () => {
    const r = await raw(`GET /events?token=${token} HTTP/1.1\r\nHost: ${host()}\r\n\r\n`, { halfClose: true });
    expect(r.status).toBe(200);
    await stillServes();
  });
});
