/**
 * The bureau's `dangan bundle import` killed (SIGKILL) at random points, many times, each on
 * a fresh copy of the bureau's folder: afterwards the database is either exactly as before
 * (the file's bytes, after a checkpoint) or exactly as after a complete import (every table,
 * row for row, equal to an uninterrupted import's), never in between; no quarantine, no
 * half-stored scan; a re-run completes and writes a receipt byte-identical to the
 * uninterrupted import's (all processes run at the same fixed instant: a receipt carries
 * its import time).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app';
import { ManualClock } from '../../electron/core/kernel/clock';
import { generateDemo } from '../../electron/core/demo/generate';
import { BlobStore } from '../../electron/core/storage/blob-store';
import { unlockWithPassphrase } from '../../electron/core/sync/identity';
import { importBundle } from '../../electron/core/sync/import';
import { operator } from '../../scripts/cli/commands/sync-common';
import { expectArchiveSound, expectFileSound } from '../helpers/archive-sound';
import { prng, startWarm, waitFor, type WarmChild } from '../helpers/sync-child';
import { makeSyncNodes, noise, PASSPHRASE, type SyncNodes } from '../helpers/sync-nodes';
import { tempDir } from '../helpers/test-core';
import { LONG, sized } from '../helpers/long';

const RUNS = sized(6, 20);
/** Under `npm test` the kinds of kill take turns (see sync-kill.test.ts); the full run draws them. */
const MODES = ['any time', 'at commit', 'at receipt', 'at commit'] as const;
const AHEAD = 2;
const SEED = 4242;
/** The instant every import runs at (the test cores' ManualClock starts here too). */
const NOW = new Date(Date.UTC(2026, 0, 5, 8, 0, 0));

let nodes: SyncNodes | undefined;
const scratch: string[] = [];
afterEach(async () => {
  await nodes?.close();
  nodes = undefined;
  for (const d of scratch.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Copies a data folder without the WAL and shared-memory files (the source was checkpointed). */
function copyData(from: string): string {
  const to = tempDir('dangan-kill-bureau-');
  scratch.push(to);
  fs.cpSync(from, to, { recursive: true, filter: (src) => !/dangan\.sqlite-(wal|shm)$/.test(src) });
  return to;
}

/** Replays what a killed process left in the WAL (only committed transactions count) into the file. */
function checkpoint(dir: string): void {
  const db = new Database(path.join(dir, 'dangan.sqlite'), { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

const fileHash = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

/**
 * Every table's rows, canonically (sorted), as one hash per table. `sync_imports.imported_at`
 * and the like are equal because every import runs at NOW; nothing in an import draws a
 * random id unless it records a conflict (none here).
 */
function dump(dir: string): Map<string, string> {
  const db = new Database(path.join(dir, 'dangan.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    const out = new Map<string, string>();
    for (const t of tables) {
      const rows = (db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][]).map((r) =>
        JSON.stringify(r, (_k, v: unknown) =>
          Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? v.toString() : v,
        ),
      );
      rows.sort();
      out.set(t, `${rows.length}:${createHash('sha256').update(rows.join('\n')).digest('hex')}`);
    }
    return out;
  } finally {
    db.close();
  }
}

function differing(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
}

/** Every file in the content store is whole (its name is its hash). */
function expectStoreIntact(dir: string, what: string): void {
  const store = new BlobStore(dir);
  const names = fs
    .readdirSync(store.root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /^[0-9a-f]{64}$/.test(e.name))
    .map((e) => e.name);
  expect(store.verifyAll(names), what).toEqual([]);
}

describe('bureau killed during import', () => {
  it(
    'leaves the database before or after, never between; a re-run completes with an identical receipt',
    {
      timeout: 240_000,
    },
    async () => {
      nodes = await makeSyncNodes();
      const n = nodes;
      // Bundle 1 applied and acknowledged (the bureau knows the station's key).
      const first = await n.addItems(3);
      const r1 = await n.importBundle((await n.exportBundle()).dir, await n.stationFingerprint());
      await n.station.ok('sync.receipt.import', { file: r1.receiptFile }, n.station.adminToken);
      // Bundle 2: an edit, a deletion, 600 demo items with their persons, and 12 scans.
      const cur = await n.station.ok('catalogue.get', { id: first[0]!.id }, n.station.adminToken);
      await n.station.ok(
        'catalogue.update',
        { id: cur.id, expectedVersion: cur.version, title: '改过的题名', persons: [] },
        n.station.adminToken,
      );
      await n.station.ok('catalogue.delete', { id: first[1]!.id, reason: '重复登记' }, n.station.adminToken);
      await generateDemo(n.station.core.ctx, { items: 600 });
      const withPages = n.station.core.ctx.sqlite.prepare('SELECT id FROM items LIMIT 12').pluck().all() as string[];
      withPages.forEach((id, i) => n.addPage(id, noise(400_000, 300 + i)));
      const bundle = await n.exportBundle();
      expect(bundle.records).toBeGreaterThan(900);
      expect(bundle.files).toBe(12);

      // The bureau as it is now: the template every run starts from.
      n.bureau.core.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const template = copyData(n.bureau.dir);
      const beforeBytes = fileHash(path.join(template, 'dangan.sqlite'));
      const before = dump(template);
      const receiptJson = path.join(n.stick, 'receipts', n.stationId, `${bundle.bundleId}.json`);
      const receiptSig = receiptJson.replace(/\.json$/, '.sig');
      const clearReceipt = () => {
        for (const f of [receiptJson, receiptSig]) fs.rmSync(f, { force: true });
      };
      const start = (dir: string) =>
        startWarm(['bundle', 'import', '--data', dir, bundle.dir, '--json'], dir, { fixedNow: NOW.toISOString() });

      // The uninterrupted import, timed from "go" to exit: the reference state and receipt.
      const refDir = copyData(template);
      const ref = start(refDir);
      await ref.ready;
      const t0 = ref.go();
      const refExit = await ref.exited;
      const total = performance.now() - t0;
      expect(refExit.code, ref.stderr()).toBe(0);
      expect((JSON.parse(ref.stdout()) as { outcome: string }).outcome).toBe('applied');
      const wantJson = fs.readFileSync(receiptJson);
      const wantSig = fs.readFileSync(receiptSig);
      expect(JSON.parse(wantJson.toString('utf8')).importedAt).toBe(NOW.toISOString());
      clearReceipt();
      checkpoint(refDir);
      const after = dump(refDir);
      const changed = differing(before, after);
      expect(changed).toEqual(
        expect.arrayContaining(['station_records', 'station_files', 'sync_imports', 'audit_log']),
      );

      const rnd = prng(SEED);
      const seen = { before: 0, after: 0 };
      const queue: { child: WarmChild; dir: string }[] = [];
      const fill = (wanted: number) => {
        while (queue.length < wanted) {
          const dir = copyData(template);
          queue.push({ child: start(dir), dir });
        }
      };
      for (let run = 0; run < RUNS; run++) {
        fill(1);
        const { child, dir } = queue.shift()!;
        await child.ready;
        fill(Math.min(AHEAD, RUNS - run - 1));
        const wal = path.join(dir, 'dangan.sqlite-wal');
        const r = rnd();
        // Uniform over the whole import, or aimed at the commit (the first WAL write), or at the receipt.
        const mode = !LONG ? MODES[run % MODES.length]! : r < 0.5 ? 'any time' : r < 0.8 ? 'at commit' : 'at receipt';
        const go = child.go();
        if (mode === 'any time') await waitFor(() => false, rnd() * total);
        else if (mode === 'at commit') {
          await waitFor(() => fs.existsSync(wal) && fs.statSync(wal).size > 0, 30_000);
          await waitFor(() => false, rnd() * 15);
        } else await waitFor(() => fs.existsSync(`${receiptJson}.partial`) || fs.existsSync(receiptJson), 30_000);
        child.kill();
        const exit = await child.exited;
        const what = `run ${run} (${mode}, ${Math.round(performance.now() - go)} ms after go, exit ${exit.code ?? exit.signal}, seed ${SEED})`;

        // Before or after, never between.
        checkpoint(dir);
        let state: 'before' | 'after';
        if (fileHash(path.join(dir, 'dangan.sqlite')) === beforeBytes) state = 'before';
        else {
          expect(differing(dump(dir), after), `${what}: neither before nor after`).toEqual([]);
          state = 'after';
        }
        seen[state]++;
        expect(fs.existsSync(path.join(dir, 'sync', 'quarantine')), what).toBe(false);
        expectFileSound(path.join(dir, 'dangan.sqlite'), what);
        expectStoreIntact(dir, what);
        // A receipt on the stick is only ever whole: it is the reference, byte for byte.
        if (fs.existsSync(receiptJson)) expect(fs.readFileSync(receiptJson).equals(wantJson), what).toBe(true);
        if (fs.existsSync(receiptSig)) expect(fs.readFileSync(receiptSig).equals(wantSig), what).toBe(true);
        clearReceipt();

        // The re-run (the same code as the command, at the same instant) completes and writes the same receipt.
        const core = createCore({
          dataDir: dir,
          clock: new ManualClock(NOW.getTime()),
          log: { info() {}, error() {} },
        });
        try {
          unlockWithPassphrase(core.ctx, PASSPHRASE);
          const again = await core.ctx.lock.run(() => importBundle(core.ctx, operator(core), bundle.dir));
          expect(again.outcome, what).toBe(state === 'before' ? 'applied' : 'duplicate');
        } finally {
          await core.close();
        }
        expect(fs.readFileSync(receiptJson).equals(wantJson), what).toBe(true);
        expect(fs.readFileSync(receiptSig).equals(wantSig), what).toBe(true);
        clearReceipt();
        checkpoint(dir);
        expect(differing(dump(dir), after), what).toEqual([]);
        expectStoreIntact(dir, what);
        await expectArchiveSound(dir, what);
        fs.rmSync(dir, { recursive: true, force: true });
      }
      console.log(
        `import kills (seed ${SEED}, ${RUNS} runs, ${bundle.records} records, import ≈ ${Math.round(total)} ms):`,
        JSON.stringify(seen),
      );
      expect(seen.before).toBeGreaterThan(0);
      expect(seen.after).toBeGreaterThan(0);
    },
  );
});
