#!/usr/bin/env node
// Bundles the Electron main process and the sandboxed preload into CommonJS files in
// dist-electron/. Native and Electron modules stay external (loaded at run time).
import { build } from 'esbuild';

// db/migrate.ts finds its migrations through import.meta.url when run from source; the
// shell always passes the packaged migrations folder instead, so that path is never taken.
const common = {
  logOverride: { 'empty-import-meta': 'silent' },
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: ['electron/shell/main.ts'],
  outfile: 'dist-electron/main.cjs',
  // Loaded from node_modules at run time: native addons (better-sqlite3, sharp's libvips),
  // and packages that load their own worker or WASM files beside them (tesseract.js, pdf.js).
  external: [
    'electron',
    'better-sqlite3',
    'sharp',
    'tesseract.js',
    'pdfjs-dist',
    '@napi-rs/canvas',
    'onnxruntime-node',
  ],
});
// PP-OCR's inference host (a child process run by Electron as Node, or a worker thread),
// started by electron/core/ocr/ppocr/spawn.ts from beside main.cjs.
await build({
  ...common,
  entryPoints: ['electron/core/ocr/ppocr/worker.ts'],
  outfile: 'dist-electron/ppocr-worker.cjs',
  external: ['onnxruntime-node'],
});
// The spreadsheet decoder's worker thread, started by electron/core/importer/grid-thread.ts
// (through kernel/ts-worker.ts) from beside main.cjs.
await build({
  ...common,
  entryPoints: ['electron/core/importer/grid-worker.ts'],
  outfile: 'dist-electron/import-worker.cjs',
  external: ['better-sqlite3'],
});
// Intake's page decoder and preparer (pdf.js, sharp), started by
// electron/core/imaging/page-thread.ts (through kernel/ts-worker.ts) from beside main.cjs.
await build({
  ...common,
  entryPoints: ['electron/core/imaging/page-worker.ts'],
  outfile: 'dist-electron/page-worker.cjs',
  external: ['sharp', 'pdfjs-dist', '@napi-rs/canvas'],
});
await build({
  ...common,
  entryPoints: ['electron/preload/preload.ts'],
  outfile: 'dist-electron/preload.cjs',
  external: ['electron'],
});
console.log(
  'dist-electron/main.cjs, dist-electron/ppocr-worker.cjs, dist-electron/import-worker.cjs, dist-electron/page-worker.cjs, dist-electron/preload.cjs',
);
