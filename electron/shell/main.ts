// The desktop shell: the only place (with the preload) that imports Electron.
// It boots the same core as `dangan serve` and connects it over IPC.
import { app, BrowserWindow, dialog, ipcMain, protocol, shell } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { createCore, warmCaches, type Core } from '../core/app';
import { acquireArchiveLock, type ArchiveLock } from '../core/kernel';
import { openFailureMessage, openFailureText } from '../core/open-failure';
import { CSP } from '../transports/http';
import { registerIpc } from '../transports/ipc';

const APP_ORIGIN = 'app://dangan';
const isTrusted = (url: string) => url.startsWith(`${APP_ORIGIN}/`);

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// Packaged: resources sit beside the ASAR; in development: the project folders.
const resources = app.isPackaged ? process.resourcesPath : path.resolve(__dirname, '..');
const rendererDir = path.join(resources, app.isPackaged ? 'renderer' : 'dist/renderer');
const migrationsDir = path.join(resources, app.isPackaged ? 'migrations' : 'db/migrations');

let core: Core | null = null;

function serveRenderer(): void {
  protocol.handle('app', async (req) => {
    const { pathname } = new URL(req.url);
    let rel: string;
    try {
      rel = decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html';
    } catch {
      return new Response('请求地址无效', { status: 400 });
    }
    const file = path.resolve(rendererDir, rel);
    const target =
      file.startsWith(rendererDir + path.sep) && fs.existsSync(file) ? file : path.join(rendererDir, 'index.html');
    const type = target.endsWith('.js')
      ? 'text/javascript'
      : target.endsWith('.css')
        ? 'text/css'
        : target.endsWith('.html')
          ? 'text/html'
          : 'application/octet-stream';
    return new Response(fs.readFileSync(target), { headers: { 'content-type': type, 'content-security-policy': CSP } });
  });
}

function createWindow(c: Core): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: '档案',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Chromium's built-in PDF viewer, for the 打印 dialog's preview (no other plugin exists).
      plugins: true,
    },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Nothing opens inside the app; only plain web links go to the system browser.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!isTrusted(url)) e.preventDefault();
  });
  // A form with unsaved changes sets beforeunload; Electron would then silently refuse to
  // close. Ask instead, as a browser does; preventDefault here means "close anyway".
  win.webContents.on('will-prevent-unload', (e) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['放弃修改并关闭', '继续填写'],
      defaultId: 1,
      cancelId: 1,
      title: '放弃未保存的内容？',
      message: '表单中有尚未保存的内容，关闭后将丢失。',
    });
    if (choice === 0) e.preventDefault();
  });
  const unregister = registerIpc(ipcMain, c, isTrusted, (ch, ...args) => {
    if (!win.isDestroyed()) win.webContents.send(ch, ...args);
  });
  win.on('closed', unregister);
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

let lock: ArchiveLock | null = null;

/** No window can open: say why and what to do (in Chinese), then quit. */
function refuseToOpen(e: unknown, dataDir: string): void {
  const m = openFailureMessage(e, dataDir);
  dialog.showErrorBox(m.title, openFailureText(m));
  lock?.release();
  lock = null;
  app.quit();
}

void app.whenReady().then(() => {
  const dataDir = process.env.DANGAN_DATA ?? app.getPath('userData');
  try {
    // One writer per archive: a running `dangan serve` or a writing CLI command keeps us out.
    lock = acquireArchiveLock(dataDir, 'desktop');
    // A database from a newer version, a locked or corrupt file: refused here, with a dialog.
    core = createCore({ dataDir, migrationsDir });
  } catch (e) {
    refuseToOpen(e, dataDir);
    return;
  }
  serveRenderer();
  createWindow(core);
  warmCaches(core);
});

let quitting = false;
app.on('window-all-closed', () => {
  if (quitting) return;
  quitting = true;
  // Services stop and are awaited before SQLite closes; only then is the archive released.
  const closing = core?.close() ?? Promise.resolve([]);
  core = null;
  void closing
    .catch((e: unknown) => console.error('[dangan] 关闭档案时出错', e))
    .finally(() => {
      lock?.release();
      app.quit();
    });
});
