// Sandboxed preload: exposes exactly two functions to the page, nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const INVOKE_CHANNEL = 'dangan:invoke';
const EVENT_CHANNEL = 'dangan:event';

contextBridge.exposeInMainWorld('dangan', {
  invoke: (method: string, input: unknown, sessionToken?: string) =>
    ipcRenderer.invoke(INVOKE_CHANNEL, method, input, sessionToken),
  on: (event: string, callback: (payload: unknown) => void) => {
    const listener = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) callback(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, listener);
  },
});
