/**
 * Generated OCR pages shared by the test files of one run. Several files use the same set
 * (the same seed and count); rendering and ageing a page costs a second or more of CPU,
 * so the first file to ask renders the set into the run's cache (run-cache.ts) and every
 * later one copies it. The generator is deterministic (tests/unit/ocr-fixtures.test.ts
 * checks that), so a copy holds exactly the bytes and manifest the file would have
 * generated itself. The cache lives for one run only: a changed generator is never read
 * from a stale copy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateOcrSet, type OcrSetManifest } from '../../scripts/fixtures/ocr/generate';
import { runCache } from './run-cache';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Like generateOcrSet(outDir, opts), through the run's cache when there is one. */
export async function ocrSet(outDir: string, opts: { seed: number; count: number }): Promise<OcrSetManifest> {
  const root = runCache();
  if (!root) return generateOcrSet(outDir, opts);
  const set = path.join(root, `seed-${opts.seed}-count-${opts.count}`);
  const done = path.join(set, 'manifest.json');
  const lock = `${set}.lock`;
  let mine = false;
  try {
    fs.mkdirSync(lock);
    mine = true;
  } catch {
    // Another file is rendering this set: wait for its manifest (written last) while it holds
    // the lock; if it gives up or takes over 90 s, this file renders the set itself.
    const until = performance.now() + 90_000;
    while (!fs.existsSync(done) && fs.existsSync(lock) && performance.now() < until) await sleep(50);
  }
  if (mine) {
    const tmp = `${set}.tmp-${process.pid}`;
    try {
      await generateOcrSet(tmp, opts);
      fs.renameSync(tmp, set);
    } catch (e) {
      fs.rmSync(lock, { recursive: true, force: true });
      throw e;
    }
  }
  if (!fs.existsSync(done)) return generateOcrSet(outDir, opts);
  fs.mkdirSync(outDir, { recursive: true });
  for (const f of fs.readdirSync(set)) fs.copyFileSync(path.join(set, f), path.join(outDir, f));
  return JSON.parse(fs.readFileSync(done, 'utf8')) as OcrSetManifest;
}
