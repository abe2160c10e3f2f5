import type { MethodName } from '../contract/methods';
import type { Core } from '../core/app';

/** The slice of Electron's ipcMain this adapter needs; the shell passes the real one. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}
export interface IpcEventLike {
  senderFrame: { url: string } | null;
}

export const INVOKE_CHANNEL = 'dangan:invoke';
export const EVENT_CHANNEL = 'dangan:event';

/**
 * IPC adapter: the same dispatch as the HTTP bridge. Calls from any frame that is not
 * the app's own page are refused. Results (never thrown errors) cross the boundary,
 * because Electron strips the fields of thrown errors.
 */
export function registerIpc(
  ipc: IpcMainLike,
  core: Core,
  isTrustedUrl: (url: string) => boolean,
  send: (channel: string, ...args: unknown[]) => void,
): () => void {
  ipc.handle(INVOKE_CHANNEL, async (event, method, input, sessionToken) => {
    if (!event.senderFrame || !isTrustedUrl(event.senderFrame.url)) {
      return { ok: false, error: { code: 'ORIGIN_FORBIDDEN', message: '请求来源不被允许' } };
    }
    return core.dispatch(String(method) as MethodName, input, {
      sessionToken: typeof sessionToken === 'string' ? sessionToken : undefined,
    });
  });
  const off = core.ctx.events.subscribe((name, payload) => send(EVENT_CHANNEL, name, payload));
  return () => {
    off();
    ipc.removeHandler(INVOKE_CHANNEL);
  };
}
