/**
 * The reference reader: Debian's native Tesseract 5 (`tesseract-ocr-chi-sim`). It is
 * what the app's WASM OCR is compared with, for accuracy and speed. Run directly, it
 * reads every page of a generated set and prints CER per kind and seconds per page:
 *
 *   node scripts/bin/run-ts.mjs scripts/bench/ocr-native.ts [DIR] [--threads 1|default|both]
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stripCjkSpaces } from '../../electron/core/ocr';
import type { OcrSetManifest } from '../fixtures/ocr/generate';
import { cer, summarize } from './ocr-metrics';

export interface NativeOptions {
  /** OMP_THREAD_LIMIT=1: one core per page, the fair comparison with one WASM worker. */
  singleThread?: boolean;
  langs?: string;
  psm?: number;
  binary?: string;
}

export interface NativeResult {
  /** Tesseract's text with the spaces between CJK characters removed. */
  text: string;
  raw: string;
  ms: number;
}

export function runNativeTesseract(image: string, o: NativeOptions = {}): Promise<NativeResult> {
  const args = [image, 'stdout', '-l', o.langs ?? 'chi_sim+eng', '--psm', String(o.psm ?? 3)];
  const env = { ...process.env };
  if (o.singleThread) env.OMP_THREAD_LIMIT = '1';
  else delete env.OMP_THREAD_LIMIT;
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    execFile(o.binary ?? 'tesseract', args, { env, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`tesseract failed on ${image}: ${stderr || err.message}`));
      resolve({ text: stripCjkSpaces(stdout), raw: stdout, ms: performance.now() - t0 });
    });
  });
}

export interface NativePageScore {
  file: string;
  kind: 'form' | 'text';
  cer: number;
  ms: number;
}

/** Reads every page of a set in turn (one at a time, so the timing is per page, not per batch). */
export async function benchNative(dir: string, o: NativeOptions = {}): Promise<NativePageScore[]> {
  const m = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as OcrSetManifest;
  const out: NativePageScore[] = [];
  for (const p of m.pages) {
    const r = await runNativeTesseract(path.join(dir, p.file), o);
    out.push({ file: p.file, kind: p.kind, cer: cer(p.text, r.text), ms: r.ms });
  }
  return out;
}

function report(label: string, scores: NativePageScore[]): void {
  const f = (x: number) => x.toFixed(3);
  console.log(`\n${label}`);
  for (const kind of ['form', 'text'] as const) {
    const s = scores.filter((x) => x.kind === kind);
    const c = summarize(s.map((x) => x.cer));
    const t = summarize(s.map((x) => x.ms / 1000));
    console.log(
      `  ${kind}: n=${c.n} CER mean ${f(c.mean)} p50 ${f(c.p50)} p95 ${f(c.p95)}; s/page mean ${f(t.mean)} p95 ${f(t.p95)}`,
    );
  }
  const all = summarize(scores.map((x) => x.ms / 1000));
  console.log(`  all: ${scores.length} pages, s/page mean ${f(all.mean)}, total ${f(all.mean * all.n)} s`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--threads');
  const threads = at >= 0 ? argv.splice(at, 2)[1] : 'both';
  const dir = argv[0] ?? 'tests/fixtures/ocr/generated';
  if (threads === '1' || threads === 'both')
    report('native tesseract, OMP_THREAD_LIMIT=1', await benchNative(dir, { singleThread: true }));
  if (threads === 'default' || threads === 'both') report('native tesseract, default threads', await benchNative(dir));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
