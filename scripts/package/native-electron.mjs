#!/usr/bin/env node
// Builds better-sqlite3 against Electron's ABI into .cache/electron-native/, leaving the
// Node build in node_modules untouched (the CLI, serve mode and tests need that one).
// Needs Electron's headers, so it runs where a network is available (a packaging PC).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = process.cwd();
const electronVersion = require('electron/package.json').version;
const src = path.dirname(require.resolve('better-sqlite3/package.json'));
const work = path.join(root, '.cache', 'electron-native', 'src');
fs.rmSync(work, { recursive: true, force: true });
fs.cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
const r = spawnSync(
  'npx',
  [
    'node-gyp',
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' },
);
if (r.status !== 0) process.exit(r.status ?? 1);
fs.copyFileSync(
  path.join(work, 'build', 'Release', 'better_sqlite3.node'),
  path.join(root, '.cache', 'electron-native', 'better_sqlite3.node'),
);
console.log(`better-sqlite3 built for Electron ${electronVersion}`);
