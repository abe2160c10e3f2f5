import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ERROR_MESSAGES, type ErrorCode, type Result } from '../contract/errors';
import type { MethodName } from '../contract/methods';
import type { Core } from '../core/app';
import { pdfRoute, type PdfTickets } from './http-pdf';

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

/** The same CSP the Electron shell sets: nothing from outside, no inline script, no eval. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

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
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

const bridgeError = (code: ErrorCode): Result<never> => ({ ok: false, error: { code, message: ERROR_MESSAGES[code] } });

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
  const server = http.createServer((req, res) => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 403, bridgeError('ORIGIN_FORBIDDEN'));
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return send(res, 403, bridgeError('ORIGIN_FORBIDDEN'));
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname === '/rpc') {
      if (req.method !== 'POST') return send(res, 405, bridgeError('UNKNOWN_METHOD'));
      if (!sameToken(String(req.headers['x-dangan-token'] ?? ''), token))
        return send(res, 401, bridgeError('BRIDGE_TOKEN_INVALID'));
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(res, 415, { ok: false, error: { code: 'VALIDATION_FAILED', message: '请求须为 JSON' } });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBody) {
          send(res, 413, { ok: false, error: { code: 'VALIDATION_FAILED', message: '请求内容过大' } });
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => {
        if (res.writableEnded) return;
        let body: { method?: unknown; input?: unknown };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
        } catch {
          return send(res, 400, { ok: false, error: { code: 'VALIDATION_FAILED', message: '请求不是有效的 JSON' } });
        }
        const session = req.headers['x-dangan-session'];
        void core
          .dispatch(String(body.method ?? '') as MethodName, body.input, {
            sessionToken: typeof session === 'string' ? session : undefined,
          })
          .then((r) => send(res, 200, r));
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
      const off = core.ctx.events.subscribe((event, payload) =>
        res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`),
      );
      const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
      req.on('close', () => {
        clearInterval(ping);
        off();
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, bridgeError('UNKNOWN_METHOD'));
    serveStatic(opts.staticDir, url.pathname, res);
  });

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
  const rel = decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html';
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
  fs.createReadStream(target).pipe(res);
}
