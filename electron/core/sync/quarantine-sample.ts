/**
 * What the quarantine keeps of a refused bundle: its metadata and manifests (bagit.txt,
 * bag-info.txt, the manifests, the tag manifest, its signature, VERIFY.txt, keys/ —
 * everything outside data/), then payload files in path order while they fit a fixed
 * total. The rest is listed, not copied: a 20 GB file in a refused bundle once became
 * 21 GB on the bureau's disk. The bundle itself stays on the stick for anything more.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { QuarantineSample } from '../../contract/sync';

/**
 * Every tag file of a real bundle is well under 1 MiB (a manifest line is ~150 bytes a
 * file), so 64 MiB always keeps them and leaves room for the change-set JSON and some
 * scans to look at; a refused bundle costs the bureau at most this much disk however
 * large it was.
 */
export const QUARANTINE_SAMPLE_BYTES = 64 * 1024 * 1024;
/** The omitted list is for a person to read; past this many only the count and bytes grow. */
const MAX_LISTED = 1000;
const CHUNK = 1024 * 1024;

/** Copies the sample of `files` (paths relative to `dir`, as walked) into `target`. */
export function copySample(dir: string, files: readonly string[], target: string): QuarantineSample {
  const isPayload = (f: string) => f.startsWith('data/');
  const ordered = [...files.filter((f) => !isPayload(f)), ...files.filter(isPayload)];
  const sample: QuarantineSample = {
    capBytes: QUARANTINE_SAMPLE_BYTES,
    copiedFiles: 0,
    copiedBytes: 0,
    omittedCount: 0,
    omittedBytes: 0,
    omitted: [],
  };
  const omit = (f: string, size: number, why: 'size' | 'not-a-file') => {
    sample.omittedCount++;
    sample.omittedBytes += size;
    if (sample.omitted.length < MAX_LISTED) sample.omitted.push({ path: f, size, why });
  };
  for (const f of ordered) {
    const from = path.join(dir, f);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(from);
    } catch {
      continue; // gone since the walk
    }
    // Links, FIFOs and devices are never followed: a link to /dev/zero would copy forever.
    if (!st.isFile()) omit(f, 0, 'not-a-file');
    else if (st.size > QUARANTINE_SAMPLE_BYTES - sample.copiedBytes) omit(f, st.size, 'size');
    else {
      const n = copyAtMost(from, path.join(target, f), st.size);
      sample.copiedFiles++;
      sample.copiedBytes += n;
    }
  }
  return sample;
}

/** Copies at most `max` bytes of a regular file (never through a link), even if it grows meanwhile. */
function copyAtMost(from: string, to: string, max: number): number {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const src = fs.openSync(from, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    if (!fs.fstatSync(src).isFile()) return 0;
    const dst = fs.openSync(to, 'w');
    try {
      const buf = Buffer.alloc(Math.min(CHUNK, Math.max(1, max)));
      let done = 0;
      while (done < max) {
        const r = fs.readSync(src, buf, 0, Math.min(buf.length, max - done), null);
        if (r === 0) break;
        fs.writeSync(dst, buf, 0, r);
        done += r;
      }
      return done;
    } finally {
      fs.closeSync(dst);
    }
  } finally {
    fs.closeSync(src);
  }
}
