/**
 * Files the bridge serves as documents of their own (serve mode only): a ticket is asked
 * for with the bridge token and the session, and the returned address opens in a tab.
 */
import type { MethodInput } from '../../../electron/contract';
import { getBridgeToken, getSessionToken } from './client';

/** True in serve mode (the browser talks to the localhost bridge), false inside Electron. */
export const viaBridge = (): boolean => !window.dangan;

/** The address of a record's searchable PDF on the bridge, good for a minute. */
export async function pdfUrl(input: MethodInput<'pages.pdf'>, name: string): Promise<string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-dangan-token': getBridgeToken() };
  const session = getSessionToken();
  if (session) headers['x-dangan-session'] = session;
  const res = await fetch('./pdf-ticket', { method: 'POST', headers, body: JSON.stringify(input) });
  const body = (await res.json()) as { ok: boolean; value?: { ticket: string }; error?: { message: string } };
  if (!body.ok || !body.value) throw new Error(body.error?.message ?? '无法打开 PDF');
  return `./pdf/${body.value.ticket}/${encodeURIComponent(name)}`;
}
