import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ERROR_MESSAGES, type ErrorCode, type Result } from '../contract/errors';
import type { MethodName } from '../contract/methods';
import type { Core } from '../core/app';
import { pdfRoute, type PdfTickets } from './http-pdf';
import { type Logger } from '../core/kernel';

export interface BridgeOptions {
  port?: number;
  host?: string;
  /** Built renderer (dist/renderer). */
  staticDir: string;
  token?: string;
  maxBodyBytes?: number;
}

export interface Bridge {
  server: http.Server;
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

/**
 * The same CSP the Electron shell sets: nothing from outside, no inline script, no eval; frames
 * only of the app's own blob: URLs (the 打印 dialog's PDF preview).
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; frame-src blob:; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Longer paths are no file of the UI (the parser itself refuses request heads over 16 KiB). */
const MAX_PATH = 2048;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function send(res: http.ServerResponse, status: number, body: unknown): void {
  // A reply already under way (an error after the headers went out) can only be cut short.
  if (res.headersSent) return void res.destroy();
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

const bridgeError = (code: ErrorCode): Result<never> => ({ ok: false, error: { code, message: ERROR_MESSAGES[code] } });
const badRequest = (message: string): Result<never> => ({ ok: false, error: { code: 'VALIDATION_FAILED', message } });

/** A request the bridge cannot even read (bad percent-encoding, NUL in the path): 400, not a crash. */
class BadRequest extends Error {}

/**
 * Whatever a handler throws ends as a 400 or 500 answer to that request; the server goes on.
 * A client that hangs up mid-body ends only its own request.
 */
function guard(log: Logger, handle: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    req.on('error', () => res.destroy());
    res.on('error', () => undefined);
    try {
      handle(req, res);
    } catch (e) {
      failed(log, res, e);
    }
  };
}

function failed(log: Logger, res: http.ServerResponse, e: unknown): void {
  try {
    if (e instanceof BadRequest || e instanceof URIError) return send(res, 400, badRequest('请求地址无效'));
    log.error('bridge request failed', e);
    send(res, 500, bridgeError('INTERNAL'));
  } catch {
    res.destroy();
  }
}

/**
 * The localhost bridge: serves the built UI and one POST /rpc endpoint into dispatch,
 * plus /events (server-sent events). It listens on 127.0.0.1 only, and checks the
 * per-launch token and the Host/Origin headers so other sites (DNS rebinding) cannot call it.
 */
export async function startBridge(core: Core, opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const host = opts.host ?? '127.0.0.1';
  const maxBody = opts.maxBodyBytes ?? 64 * 1024 * 1024;
  let port = opts.port ?? 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const pdfTickets: PdfTickets = new Map();
  const log = core.ctx.log;
  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 403, bridgeError('ORIGIN_FORBIDDEN'));
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return send(res, 403, bridgeError('ORIGIN_FORBIDDEN'));
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname.length > MAX_PATH) return send(res, 414, badRequest('请求地址过长'));

    if (url.pathname === '/rpc') {
      if (req.method !== 'POST') return send(res, 405, bridgeError('UNKNOWN_METHOD'));
      if (!sameToken(String(req.headers['x-dangan-token'] ?? ''), token))
        return send(res, 401, bridgeError('BRIDGE_TOKEN_INVALID'));
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(res, 415, { ok: false, error: { code: 'VALIDATION_FAILED', message: '请求须为 JSON' } });
      }
      if (Number(req.headers['content-length'] ?? 0) > maxBody) {
        res.setHeader('connection', 'close');
        return send(res, 413, badRequest('请求内容过大'));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        if (res.writableEnded) return;
        size += c.length;
        if (size > maxBody) {
          chunks.length = 0;
          // Answer first, then drop the connection (the rest of the body is not read).
          res.setHeader('connection', 'close');
          send(res, 413, badRequest('请求内容过大'));
          res.once('finish', () => req.destroy());
        } else chunks.push(c);
      });
      req.on('end', () => {
        if (res.writableEnded) return;
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send(res, 400, badRequest('请求不是有效的 JSON'));
        }
        if (typeof body !== 'object' || body === null || Array.isArray(body))
          return send(res, 400, badRequest('请求须为 JSON 对象：{ "method": …, "input": … }'));
        const { method, input } = body as { method?: unknown; input?: unknown };
        const session = req.headers['x-dangan-session'];
        void core
          .dispatch((typeof method === 'string' ? method : '') as MethodName, input, {
            sessionToken: typeof session === 'string' ? session : undefined,
          })
          .then((r) => send(res, 200, r))
          .catch((e: unknown) => failed(log, res, e));
      });
      return;
    }

    if (url.pathname === '/pdf-ticket' || url.pathname.startsWith('/pdf/'))
      return pdfRoute(core, pdfTickets, token, req, res, url);

    if (url.pathname === '/events') {
      if (!sameToken(url.searchParams.get('token') ?? '', token))
        return send(res, 401, bridgeError('BRIDGE_TOKEN_INVALID'));
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      // The listener runs inside whatever core code emits the event: a stream that is gone
      // or a payload that cannot be written must not throw into it.
      const off = core.ctx.events.subscribe((event, payload) => {
        if (res.destroyed || res.writableEnded) return;
        try {
          res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
        } catch (e) {
          log.error('bridge event not sent', e);
        }
      });
      const ping = setInterval(() => {
        if (!res.destroyed && !res.writableEnded) res.write(': ping\n\n');
      }, 25_000);
      ping.unref();
      req.on('close', () => {
        clearInterval(ping);
        off();
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, bridgeError('UNKNOWN_METHOD'));
    serveStatic(opts.staticDir, url.pathname, res);
  };
  const server = http.createServer(guard(log, handle));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  port = (server.address() as { port: number }).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  const decoded = decodeURIComponent(pathname); // a URIError here is a 400 (see guard)
  if (decoded.includes('\0')) throw new BadRequest('NUL in path');
  const rel = decoded.replace(/^\/+/, '') || 'index.html';
  const file = path.resolve(root, rel);
  const inside = file.startsWith(path.resolve(root) + path.sep);
  const target = inside && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(root, 'index.html');
  if (!fs.existsSync(target)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('界面尚未构建：请先运行 npm run build:renderer');
    return;
  }
  res.writeHead(200, {
    'content-type': MIME[path.extname(target)] ?? 'application/octet-stream',
    'content-security-policy': CSP,
    'cache-control': target.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
  });
  fs.createReadStream(target)
    // The file went away between the check and the read: the reply is cut short, nothing more.
    .on('error', () => res.destroy())
    .pipe(res);
}
