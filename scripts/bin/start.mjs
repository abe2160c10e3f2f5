#!/usr/bin/env node
// `npm start`: the desktop app when the Electron binary is present, otherwise the same
// app in serve mode (core + localhost bridge + system browser), with a clear notice.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });

function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  if (!fs.existsSync(pathFile)) return null;
  const bin = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(bin) ? bin : null;
}

if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
  console.error('首次启动：正在构建界面…');
  if (run('npm', ['run', 'build:renderer']).status !== 0) process.exit(1);
}

const bin = electronBinary();
const binding = path.join(root, '.cache', 'electron-native', 'better_sqlite3.node');
if (bin && fs.existsSync(binding)) {
  if (run('npm', ['run', 'build:electron']).status !== 0) process.exit(1);
  const child = spawn(bin, [root], { stdio: 'inherit', env: { ...process.env, DANGAN_SQLITE_BINDING: binding } });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.error(
    bin
      ? '提示：已找到 Electron，但尚未为其编译数据库模块（运行 npm run native:electron，需要网络）。现以浏览器模式启动。'
      : '提示：本机没有 Electron 运行文件（离线环境无法下载），现以浏览器模式启动：界面在系统浏览器中打开，功能相同。',
  );
  const child = spawn(
    process.execPath,
    [path.join(root, 'scripts', 'bin', 'dangan.mjs'), 'serve', ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}
