/**
 * A record's searchable PDF as a real document of the bridge, so the browser opens it in
 * a tab of its own (a blob: URL would inherit the app's CSP, whose `object-src 'none'`
 * keeps Chromium's PDF viewer out). The app asks for a ticket with its bridge token and
 * session (POST /pdf-ticket, body: the `pages.pdf` input); GET /pdf/<ticket>/<name> then
 * runs `pages.pdf` through dispatch as that session, so clearance is decided in core on
 * every fetch. Tickets live a minute and name no more than the record asked for.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { ERROR_MESSAGES } from '../contract/errors';
import type { Core } from '../core/app';

export type PdfTickets = Map<string, { session: string | undefined; input: unknown; expires: number }>;

const TICKET_MS = 60_000;
const MAX_INPUT = 4096;

function json(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function pdfRoute(
  core: Core,
  tickets: PdfTickets,
  token: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
): void {
  const now = Date.now();
  for (const [k, v] of tickets) if (v.expires < now) tickets.delete(k);

  if (url.pathname === '/pdf-ticket') {
    if (req.method !== 'POST')
      return json(res, 405, { ok: false, error: { code: 'UNKNOWN_METHOD', message: ERROR_MESSAGES.UNKNOWN_METHOD } });
    if (!sameToken(String(req.headers['x-dangan-token'] ?? ''), token))
      return json(res, 401, {
        ok: false,
        error: { code: 'BRIDGE_TOKEN_INVALID', message: ERROR_MESSAGES.BRIDGE_TOKEN_INVALID },
      });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_INPUT) chunks.push(c);
    });
    req.on('end', () => {
      let input: unknown;
      try {
        if (size > MAX_INPUT) throw new Error('too large');
        input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return json(res, 400, { ok: false, error: { code: 'VALIDATION_FAILED', message: '请求不是有效的 JSON' } });
      }
      const session = req.headers['x-dangan-session'];
      const ticket = randomBytes(18).toString('base64url');
      tickets.set(ticket, {
        session: typeof session === 'string' ? session : undefined,
        input,
        expires: now + TICKET_MS,
      });
      json(res, 200, { ok: true, value: { ticket } });
    });
    return;
  }

  if (req.method !== 'GET' && req.method !== 'HEAD')
    return json(res, 405, { ok: false, error: { code: 'UNKNOWN_METHOD', message: ERROR_MESSAGES.UNKNOWN_METHOD } });
  const entry = tickets.get(url.pathname.split('/')[2] ?? '');
  if (!entry) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('链接已过期，请在档案中重新打开 PDF');
    return;
  }
  const sent = core.dispatch('pages.pdf', entry.input, { sessionToken: entry.session }).then((r) => {
    if (!r.ok) {
      res.writeHead(r.error.code === 'NOT_FOUND' ? 404 : 403, {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(r.error.message);
      return;
    }
    const pdf = Buffer.from(r.value.base64, 'base64');
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': pdf.length,
      'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(r.value.fileName)}`,
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : pdf);
  });
  // A reply that cannot be written (a file name that cannot be encoded) is a 500, not a crash.
  void sent.catch((e: unknown) => {
    core.ctx.log.error('bridge PDF not sent', e);
    json(res, 500, { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } });
  });
}
