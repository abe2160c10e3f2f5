/**
 * `npm run bench:sync [-- --small] [--items N] [--scans M] [--scan-kb K] [--keep DIR]`: by
 * default the station (100,000 records: 52,000 demo items with their persons, and
 * 5,000 scans of 200 KiB, about 1 GB); `--small` is the quick run (10,000 items, 200 scans
 * of 256 KiB). A station with N demo items and M scans of K KiB, enrolled at a bureau; then
 * one full round trip, each step timed in the same run: export onto a folder standing in
 * for the stick (records/s, MB/s), the bureau's verify (manifests, signature, decryption
 * and plaintext hashes: MB/s), the import (records/s), the receipt back at the station,
 * the bundle's size against its plaintext payload, a cross-station search and the
 * statistics. The baseline, on the same bytes: `tar | age -r | sha256sum` with the stock
 * tools. Prints one JSON object.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, type Core } from '../../electron/core/app';
import { generateDemo } from '../../electron/core/demo';
import { nodeIdOf, recordChange, type Actor, inTransaction } from '../../electron/core/kernel';
import { bureauStats } from '../../electron/core/stats';
import { BlobStore } from '../../electron/core/storage';
import {
  addStation,
  enrollStation,
  exportBundle,
  unlockWithPassphrase,
  importBundle,
  keyRow,
  unsealKey,
  importReceipt,
  verifyBundleDir,
} from '../../electron/core/sync';
import { BENCH_ADMIN, log, round, setupBenchStation } from './stats';

const TARGETS = { exportVsBaseline: 0.7, importRecordsPerSecond: 5000, verifyMBps: 200 };
const { values } = parseArgs({
  options: {
    small: { type: 'boolean', default: false },
    items: { type: 'string' },
    /** The old name of --items. */
    records: { type: 'string' },
    scans: { type: 'string' },
    'scan-kb': { type: 'string' },
    keep: { type: 'string' },
  },
});
const SIZE = values.small ? { items: 10_000, scans: 200, scanKb: 256 } : { items: 52_000, scans: 5_000, scanKb: 200 };
const ITEMS = Number(values.items ?? values.records ?? SIZE.items);
const SCANS = Number(values.scans ?? SIZE.scans);
const SCAN_BYTES = Number(values['scan-kb'] ?? SIZE.scanKb) * 1024;
const root = values.keep ? path.resolve(values.keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'dangan-bench-sync-'));
const PASSPHRASE = 'bench sync passphrase';
const MB = 1024 * 1024;
const actor: Actor = { id: null, name: 'bench' };
const quiet = { info() {}, error: (m: string, x?: unknown) => log(`${m} ${String(x ?? '')}`) };

const timed = async <T>(fn: () => T | Promise<T>): Promise<{ value: T; seconds: number }> => {
  const t0 = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t0) / 1000 };
};

/** Scanned pages as intake stores them (bytes in the content store, a page row, a change-log row). */
function addScans(core: Core, count: number, bytes: number): number {
  const ctx = core.ctx;
  const store = new BlobStore(ctx.dataDir);
  const items = ctx.sqlite.prepare('SELECT id FROM items ORDER BY rowid LIMIT ?').pluck().all(count) as string[];
  let total = 0;
  inTransaction(ctx, () => {
    const now = ctx.nowIso();
    const insert = ctx.sqlite.prepare(
      `INSERT INTO pages (id, node_id, version, item_id, seq, original_sha256, original_name, format, created_at, updated_at)
       VALUES (?, ?, 1, ?, 1, ?, 'scan-1.tif', 'tiff', ?, ?)`,
    );
    for (const itemId of items) {
      const sha = store.put(randomBytes(bytes)).sha256; // random: scans do not compress either
      const id = ctx.ids();
      insert.run(id, nodeIdOf(ctx), itemId, sha, now, now);
      recordChange(ctx, 'page', id, 1, 'insert');
      total += bytes;
    }
  });
  return total;
}

function dirBytes(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) n += fs.statSync(path.join(e.parentPath, e.name)).size;
  return n;
}

/** The stock tools on the same plaintext: tar | age -r RECIPIENT | tee file, then sha256sum of the result. */
function baseline(plainDir: string, recipient: string, out: string): { seconds: number; bytes: number } | null {
  try {
    const t0 = performance.now();
    execFileSync('sh', [
      '-c',
      'tar -C "$1" -cf - . | age -r "$2" > "$3" && sha256sum "$3" > /dev/null',
      'sh',
      plainDir,
      recipient,
      out,
    ]);
    return { seconds: (performance.now() - t0) / 1000, bytes: fs.statSync(out).size };
  } catch (e) {
    log(`baseline skipped: ${String(e)}`);
    return null;
  }
}

async function main() {
  const stationDir = path.join(root, 'station');
  const bureauDir = path.join(root, 'bureau');
  const stick = path.join(root, 'stick');
  fs.mkdirSync(stick, { recursive: true });
  const station = createCore({ dataDir: stationDir, log: quiet });
  const bureau = createCore({ dataDir: bureauDir, log: quiet });
  await setupBenchStation(station);
  const b = await bureau.dispatch('setup.initialize', {
    nodeRole: 'bureau',
    unitName: '北港县公安局',
    fondsCode: 'J100',
    adminUsername: BENCH_ADMIN.username,
    adminDisplayName: '管理员',
    adminPassword: BENCH_ADMIN.password,
  });
  if (!b.ok) throw new Error(b.error.message);
  for (const c of [station, bureau]) unlockWithPassphrase(c.ctx, PASSPHRASE);

  log(`bench: ${ITEMS} items and ${SCANS} scans of ${SCAN_BYTES / 1024} KiB into ${root}`);
  const demo = await generateDemo(station.ctx, { items: ITEMS });
  const scanBytes = addScans(station, SCANS, SCAN_BYTES);
  await addStation(bureau.ctx, actor, { stationId: 'BG01', name: '城关派出所', outDir: stick });
  await enrollStation(station.ctx, actor, path.join(stick, 'DGE-BG01'));

  // Where the export's time goes: its progress events mark the phases (plan = reading record states).
  const phases: Record<string, number> = {};
  let phase = 'plan';
  let phaseAt = performance.now();
  const onProgress = (e: { phase: string }) => {
    if (e.phase === phase) return;
    const now = performance.now();
    phases[phase] = (phases[phase] ?? 0) + (now - phaseAt) / 1000;
    phase = e.phase;
    phaseAt = now;
  };
  const stopListening = station.ctx.events.on('job.progress', onProgress);
  const exp = await timed(() => exportBundle(station.ctx, actor, { outDir: stick }));
  onProgress({ phase: 'end' });
  stopListening();
  const r = exp.value;
  log(`export: ${r.records} records, ${r.files} files in ${round(exp.seconds)} s`);
  const ver = await timed(() => verifyBundleDir(bureau.ctx, r.dir));
  // The station's first bundle: its key is not trusted until a person compares the fingerprint (accepted at import).
  if (ver.value.checks.some((c) => c.ok === false && c.code !== 'BUNDLE_UNKNOWN_KEY'))
    throw new Error(`verify failed: ${JSON.stringify(ver.value.checks)}`);
  const fp = keyRow(station.ctx, 'sign')!.fingerprint;
  const imp = await timed(() => bureau.ctx.lock.run(() => importBundle(bureau.ctx, actor, r.dir, { acceptKey: fp })));
  if (imp.value.outcome !== 'applied') throw new Error(`import: ${imp.value.message}`);
  log(`import: ${round(imp.seconds)} s`);
  const rec = await timed(() => importReceipt(station.ctx, actor, imp.value.receiptFile!));

  // The plaintext the bundle carries: the changes as NDJSON and the scans.
  const plainDir = path.join(root, 'plain');
  fs.mkdirSync(path.join(plainDir, 'files'), { recursive: true });
  const identity = unsealKey(bureau.ctx, keyRow(bureau.ctx, 'age')!);
  const { decryptChanges } = await import('../../electron/core/sync');
  const changes = (await decryptChanges(identity, r.dir)).map((x) => JSON.stringify(x)).join('\n') + '\n';
  fs.writeFileSync(path.join(plainDir, 'changes.ndjson'), changes);
  const store = new BlobStore(stationDir);
  for (const sha of station.ctx.sqlite.prepare('SELECT original_sha256 FROM pages').pluck().all() as string[])
    fs.copyFileSync(store.pathOf(sha), path.join(plainDir, 'files', sha));
  const plainBytes = Buffer.byteLength(changes) + scanBytes;
  const base = baseline(plainDir, keyRow(bureau.ctx, 'age')!.publicKey, path.join(root, 'baseline.tar.age'));

  // What the bureau does with it: a cross-station search and the statistics.
  const login = await bureau.dispatch('auth.login', BENCH_ADMIN);
  if (!login.ok) throw new Error(login.error.message);
  const name =
    (bureau.ctx.sqlite
      .prepare("SELECT json_extract(fields, '$.fields.name') FROM station_records WHERE entity = 'person' LIMIT 1")
      .pluck()
      .get() as string | undefined) ?? '王';
  const search = await timed(() =>
    bureau.dispatch('search.query', { q: name, limit: 50 }, { sessionToken: login.value.token }),
  );
  const st = await timed(() => bureauStats(bureau.ctx, 99, {}));

  const bundleBytes = dirBytes(r.dir);
  const overhead = bundleBytes - plainBytes;
  const exportMBps = bundleBytes / MB / exp.seconds;
  const baseMBps = base ? plainBytes / MB / base.seconds : null;
  const verifyMBps = bundleBytes / MB / ver.seconds;
  const importRps = r.records / imp.seconds;
  const result = {
    size: values.small ? 'small' : 'issue',
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map(round) },
    records: r.records,
    items: ITEMS,
    scans: { files: r.files, bytes: scanBytes },
    demoSeconds: demo.seconds,
    export: {
      seconds: round(exp.seconds),
      recordsPerSecond: Math.round(r.records / exp.seconds),
      MBps: round(exportMBps),
      phasesSeconds: {
        readStates: round(phases.plan ?? 0),
        changes: round(phases.changes ?? 0),
        scans: round(phases.files ?? 0),
        sign: round(phases.sign ?? 0),
        readBack: round(phases.verify ?? 0),
      },
    },
    verify: {
      seconds: round(ver.seconds),
      MBps: round(verifyMBps),
      recordsPerSecond: Math.round(r.records / ver.seconds),
    },
    import: {
      seconds: round(imp.seconds),
      recordsPerSecond: Math.round(importRps),
      MBps: round(bundleBytes / MB / imp.seconds),
      counts: imp.value.counts,
    },
    receipt: { seconds: round(rec.seconds), status: rec.value.status },
    roundTripSeconds: round(exp.seconds + imp.seconds + rec.seconds),
    stick: {
      bundleBytes,
      plainBytes,
      overheadBytes: overhead,
      overheadPercent: Math.round((overhead / plainBytes) * 10000) / 100,
      baselineBytes: base?.bytes ?? null,
    },
    baseline: base ? { tool: 'tar | age -r | sha256sum', seconds: round(base.seconds), MBps: round(baseMBps!) } : null,
    ratios: {
      exportVsBaseline: baseMBps ? Math.round((exportMBps / baseMBps) * 100) / 100 : null,
      verifyVsBaseline: baseMBps ? Math.round((verifyMBps / baseMBps) * 100) / 100 : null,
    },
    bureau: {
      searchMs: round(search.seconds * 1000),
      searchTotal: search.value.ok ? search.value.value.total : null,
      statsMs: round(st.seconds * 1000),
      statsItems: st.value.county.items,
    },
    targets: {
      exportVsBaseline: {
        target: TARGETS.exportVsBaseline,
        value: baseMBps ? Math.round((exportMBps / baseMBps) * 100) / 100 : null,
        meets: baseMBps ? exportMBps >= TARGETS.exportVsBaseline * baseMBps : null,
      },
      importRecordsPerSecond: {
        target: TARGETS.importRecordsPerSecond,
        value: Math.round(importRps),
        meets: importRps >= TARGETS.importRecordsPerSecond,
      },
      verifyMBps: { target: TARGETS.verifyMBps, value: round(verifyMBps), meets: verifyMBps >= TARGETS.verifyMBps },
      overhead: {
        target: '≤ 1% + 16 KiB',
        value: overhead,
        meets: overhead <= plainBytes * 0.01 + 16 * 1024,
      },
    },
  };
  await station.close();
  await bureau.close();
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  if (!values.keep) fs.rmSync(root, { recursive: true, force: true });
}

main().catch((e) => {
  log(String(e?.stack ?? e));
  process.exit(1);
});
