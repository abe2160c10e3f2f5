// The desktop shell: the only place (with the preload) that imports Electron.
// It boots the same core as `dangan serve` and connects it over IPC.
import { app, BrowserWindow, dialog, ipcMain, protocol, shell } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { createCore, warmCaches, type Core } from '../core/app';
import { acquireArchiveLock, type ArchiveLock } from '../core/kernel';
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
    const rel = decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html';
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

void app.whenReady().then(() => {
  const dataDir = process.env.DANGAN_DATA ?? app.getPath('userData');
  try {
    // One writer per archive: a running `dangan serve` or a writing CLI command keeps us out.
    lock = acquireArchiveLock(dataDir, 'desktop');
  } catch (e) {
    dialog.showErrorBox('档案管理系统', (e as Error).message);
    app.quit();
    return;
  }
  serveRenderer();
  core = createCore({ dataDir, migrationsDir });
  createWindow(core);
  warmCaches(core);
});

app.on('window-all-closed', () => {
  core?.close();
  core = null;
  lock?.release();
  app.quit();
});
