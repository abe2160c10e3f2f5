/**
 * Bureau: bundles that fail a check are kept for a person to decide, never deleted and
 * never applied. The quarantine lives beside the database (`sync/quarantine/`), not in
 * it, so a refused bundle leaves the database byte for byte as it was: a bounded copy of
 * the bundle (./quarantine-sample.ts) and `reason.json` (code, message, station,
 * sequence, when, and which files were left out).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { QuarantineEntry } from '../../contract/sync';
import type { ErrorCode } from '../../contract/errors';
import type { CoreContext } from '../kernel';
import { copySample } from './quarantine-sample';
import { writeFileAtomic } from './stick-writer';

export const quarantineRoot = (ctx: CoreContext): string => path.join(ctx.dataDir, 'sync', 'quarantine');

/** A stable name: the bundle's folder name and a hash of its contents' listing and reason. */
function entryName(dir: string, files: readonly string[], code: string, bundleId: string | null): string {
  const h = createHash('sha256')
    .update(code)
    .update('\n')
    .update(bundleId ?? '');
  for (const f of files) {
    // lstat: a link is named, never followed (it may point at a device or a hanging mount).
    const st = fs.lstatSync(path.join(dir, f));
    h.update(`${f}\t${st.size}\t${st.mtimeMs}\n`);
  }
  return `${path.basename(dir).replace(/[^A-Za-z0-9._-]/g, '_')}-${h.digest('hex').slice(0, 12)}`;
}

function walk(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs
    .readdirSync(path.join(root, rel), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(root, r));
    else out.push(r);
  }
  return out;
}

export function quarantineBundle(
  ctx: CoreContext,
  dir: string,
  reason: {
    code: ErrorCode;
    message: string;
    stationId: string | null;
    seq: number | null;
    bundleId: string | null;
    details?: unknown;
  },
): QuarantineEntry {
  const files = walk(dir);
  const name = entryName(dir, files, reason.code, reason.bundleId);
  const target = path.join(quarantineRoot(ctx), name);
  const entry: QuarantineEntry = {
    name,
    dir: target,
    source: path.resolve(dir),
    code: reason.code,
    message: reason.message,
    stationId: reason.stationId,
    seq: reason.seq,
    bundleId: reason.bundleId,
    at: ctx.nowIso(),
  };
  if (fs.existsSync(path.join(target, 'reason.json'))) {
    return JSON.parse(fs.readFileSync(path.join(target, 'reason.json'), 'utf8')) as QuarantineEntry;
  }
  fs.mkdirSync(target, { recursive: true });
  try {
    entry.sample = copySample(dir, files, path.join(target, 'bundle'));
  } catch (e) {
    ctx.log.error('quarantine copy incomplete', e);
  }
  writeFileAtomic(
    path.join(target, 'reason.json'),
    Buffer.from(JSON.stringify({ ...entry, details: reason.details }, null, 2) + '\n'),
  );
  return entry;
}

export function listQuarantine(ctx: CoreContext): QuarantineEntry[] {
  const root = quarantineRoot(ctx);
  let names: string[] = [];
  try {
    names = fs.readdirSync(root);
  } catch {
    return [];
  }
  const out: QuarantineEntry[] = [];
  for (const n of names) {
    try {
      out.push(JSON.parse(fs.readFileSync(path.join(root, n, 'reason.json'), 'utf8')) as QuarantineEntry);
    } catch {
      // a half-written entry: skip
    }
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : -1));
}
