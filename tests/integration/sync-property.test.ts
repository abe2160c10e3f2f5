/**
 * Property: after any sequence of station edits, creations, deletions and scans, exports
 * (some failing mid-write), lost sticks, damaged copies, imports in any order, retries, and
 * receipts read or lost, the bureau holds exactly the station's records: after every bundle
 * it applies, the station's records as they were when that bundle was written; after a final
 * clean round trip, the station's current records. Seeded: a failure names its seed and the
 * steps taken; `PROPERTY_SEED=N` replays one sequence.
 *
 * Also the exact out-of-order case of issue 5: bundle N+1 arrives before bundle N.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeIdOf } from '../../electron/core/kernel/changelog';
import { BlobStore } from '../../electron/core/storage/blob-store';
import { SYNC_ENTITIES, StateReader } from '../../electron/core/sync/entities';
import { exportBundle } from '../../electron/core/sync/export';
import { prng } from '../helpers/sync-child';
import { addPage, dbBytesHash, makeSyncNodes, noise, PASSPHRASE, type SyncNodes } from '../helpers/sync-nodes';
import { makeTestCore, tempDir, type TestCore } from '../helpers/test-core';
import { LONG } from '../helpers/long';

const SEQUENCES = 20;
/**
 * `npm test` runs four of the twenty sequences: the ones that, between them, reach every
 * kind of event the property is about (stale, duplicate, damaged, pulled, lost bundles and
 * lost or read receipts), chosen from the full run's per-seed counts. `test:long` runs all.
 */
const BOUNDED_SEEDS = [7008, 7009, 7013, 7016];
const BASE_SEED = 7001;

/** The station's own records (every kind that travels), id → state hash. */
function stationRecords(t: TestCore): Map<string, string> {
  const ctx = t.core.ctx;
  const own = nodeIdOf(ctx);
  const reader = new StateReader(ctx);
  const out = new Map<string, string>();
  for (const [entity, spec] of Object.entries(SYNC_ENTITIES)) {
    // A child row without node_id of its own (an arrangement step) is its parent's: the reader says whose.
    const ids = ctx.sqlite.prepare(`SELECT "${spec.columns.id}" FROM ${spec.table}`).pluck().all() as string[];
    for (const id of ids) {
      const s = reader.read(entity, id)!;
      if (s.nodeId === own) out.set(`${entity}:${id}`, s.hash);
    }
  }
  return out;
}

/** What the bureau holds for the station, id → state hash. */
function bureauRecords(t: TestCore, stationId: string): Map<string, string> {
  const rows = t.core.ctx.sqlite
    .prepare('SELECT entity, entity_id, fields_hash FROM station_records WHERE station_id = ?')
    .all(stationId) as { entity: string; entity_id: string; fields_hash: string }[];
  return new Map(rows.map((r) => [`${r.entity}:${r.entity_id}`, r.fields_hash]));
}

function filesOf(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? filesOf(dir, r) : [r];
  });
}

async function reopen(dir: string): Promise<TestCore> {
  const t = await makeTestCore({ setup: false, dir });
  t.adminToken = await t.login('admin', 'Adm1n-Passw0rd');
  await t.ok('sync.keys.unlock', { passphrase: PASSPHRASE }, t.adminToken);
  return t;
}

function copyDir(from: string, prefix: string): string {
  const to = tempDir(prefix);
  fs.cpSync(from, to, { recursive: true, filter: (src) => !/dangan\.sqlite-(wal|shm)$/.test(src) });
  return to;
}

interface Sent {
  dir: string;
  seq: number;
  bundleId: string;
  /** The station's records when the bundle was written. */
  snapshot: Map<string, string>;
}

/** A station and a bureau with one bundle applied and acknowledged (the key is trusted): copied per sequence. */
let template: { station: string; bureau: string; stationId: string; ws: string } | undefined;
beforeAll(async () => {
  const n = await makeSyncNodes();
  await n.addItems(1, '模板');
  const r = await n.importBundle((await n.exportBundle()).dir, await n.stationFingerprint());
  await n.station.ok('sync.receipt.import', { file: r.receiptFile }, n.station.adminToken);
  for (const t of [n.station, n.bureau]) t.core.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  template = {
    station: copyDir(n.station.dir, 'dangan-prop-station-'),
    bureau: copyDir(n.bureau.dir, 'dangan-prop-bureau-'),
    stationId: n.stationId,
    ws: n.ws,
  };
  await n.close();
});
afterAll(() => {
  if (template) for (const d of [template.station, template.bureau]) fs.rmSync(d, { recursive: true, force: true });
});

async function runSequence(seed: number): Promise<string[]> {
  const tpl = template!;
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const log: string[] = [];
  const station = await reopen(copyDir(tpl.station, 'dangan-prop-s-'));
  const bureau = await reopen(copyDir(tpl.bureau, 'dangan-prop-b-'));
  const stick = tempDir('dangan-prop-stick-');
  const faults = tempDir('dangan-prop-faults-');
  const sid = tpl.stationId;
  const tok = station.adminToken;
  try {
    const liveItems = () =>
      station.core.ctx.sqlite
        .prepare('SELECT id FROM items WHERE deleted_at IS NULL AND node_id = ?')
        .pluck()
        .all(nodeIdOf(station.core.ctx)) as string[];
    const inTransit: Sent[] = [];
    const imported = new Set<string>();
    const receipts: string[] = [];
    let lastApplied = Number(
      bureau.core.ctx.sqlite.prepare('SELECT last_seq FROM sync_stations WHERE station_id = ?').pluck().get(sid),
    );
    let k = 0;

    const importAt = async (b: Sent, why: string) => {
      const before = dbBytesHash(bureau);
      const r = await bureau.ok('sync.bundle.import', { dir: b.dir }, bureau.adminToken);
      log.push(`${why} #${b.seq} → ${r.outcome}${r.code ? ` ${r.code}` : ''}`);
      if (imported.has(b.bundleId)) {
        expect(r.outcome, r.message).toBe('duplicate');
        expect(dbBytesHash(bureau)).toBe(before);
      } else if (b.seq > lastApplied) {
        expect(r.outcome, r.message).toBe('applied');
        imported.add(b.bundleId);
        lastApplied = b.seq;
        // The bureau now holds the station's records as they were when this bundle was written.
        expect(bureauRecords(bureau, sid)).toEqual(b.snapshot);
      } else {
        // Older than one applied already (a replay, or a stick that arrived late): refused, nothing changes.
        expect(r.outcome, r.message).toBe('quarantined');
        expect(r.code).toBe('BUNDLE_STALE');
        expect(dbBytesHash(bureau)).toBe(before);
      }
      if (r.receiptFile) receipts.push(r.receiptFile);
    };

    // Each operation's weight is zero where it cannot apply (nothing to import, no item to edit).
    const ops: [() => number, string, () => Promise<void>][] = [
      [
        () => 3,
        'create',
        async () => {
          const persons = rnd() < 0.3 ? [{ name: `张${++k}` }] : [];
          await station.ok('catalogue.create', { categoryId: tpl.ws, year: 2021, title: `记录${++k}`, persons }, tok);
        },
      ],
      [
        () => (liveItems().length ? 2 : 0),
        'edit',
        async () => {
          const items = liveItems();
          if (!items.length) return;
          const cur = await station.ok('catalogue.get', { id: pick(items) }, tok);
          await station.ok(
            'catalogue.update',
            { id: cur.id, expectedVersion: cur.version, title: `改${++k}`, persons: [] },
            tok,
          );
        },
      ],
      [
        () => (liveItems().length ? 1 : 0),
        'delete',
        async () => {
          const items = liveItems();
          if (items.length) await station.ok('catalogue.delete', { id: pick(items), reason: '测试删除' }, tok);
        },
      ],
      [
        () => (liveItems().length ? 2 : 0),
        'scan',
        async () => {
          const items = liveItems();
          if (items.length)
            addPage(station.core, pick(items), noise(8_000 + Math.floor(rnd() * 20_000), seed * 100 + ++k));
        },
      ],
      [
        () => 3,
        'export',
        async () => {
          const r = await station.ok('sync.bundle.export', { outDir: stick }, tok);
          expect(r.newEpoch).toBe(false);
          inTransit.push({ dir: r.dir, seq: r.seq, bundleId: r.bundleId, snapshot: stationRecords(station) });
          log.push(`  wrote #${r.seq} (${r.records} records, ${r.files} files)`);
        },
      ],
      [
        () => 1,
        'export, stick pulled',
        async () => {
          let writes = Math.floor(rnd() * 4);
          const onWrite = () => {
            if (writes-- <= 0) throw Object.assign(new Error('pulled'), { code: 'EIO' });
          };
          try {
            const r = await exportBundle(station.core.ctx, { id: null, name: '测试' }, { outDir: stick, onWrite });
            inTransit.push({ dir: r.dir, seq: r.seq, bundleId: r.bundleId, snapshot: stationRecords(station) });
            log.push(`  wrote #${r.seq} anyway`);
          } catch (e) {
            expect((e as { code?: string }).code).toBe('STICK_GONE');
            // Nothing on the stick looks like a bundle, finished or not.
            expect(fs.readdirSync(stick).filter((x) => x.startsWith('DGB-'))).toEqual(
              inTransit
                .filter((b) => path.dirname(b.dir) === stick)
                .map((b) => path.basename(b.dir))
                .sort(),
            );
          }
        },
      ],
      [
        () => (inTransit.length ? 4 : 0),
        'import',
        async () => {
          if (!inTransit.length) return;
          // The oldest not yet imported, or the newest (the older ones then arrive late), or any (again).
          const waiting = inTransit.filter((b) => !imported.has(b.bundleId));
          const r = rnd();
          const b =
            waiting.length && r < 0.35 ? waiting[0]! : waiting.length && r < 0.75 ? waiting.at(-1)! : pick(inTransit);
          await importAt(b, 'import');
        },
      ],
      [
        () => (inTransit.length ? 2 : 0),
        'damaged copy',
        async () => {
          if (!inTransit.length) return;
          const b = pick(inTransit);
          const copy = path.join(faults, String(++k), path.basename(b.dir));
          fs.cpSync(b.dir, copy, { recursive: true });
          execFileSync('chmod', ['-R', 'u+w', copy]);
          const f = pick(filesOf(copy));
          const p = path.join(copy, f);
          const kind = pick(['flip', 'truncate', 'delete', 'add'] as const);
          if (kind === 'flip') {
            const bytes = fs.readFileSync(p);
            const at = Math.floor(rnd() * bytes.length);
            bytes[at] = bytes[at]! ^ (1 << Math.floor(rnd() * 8));
            fs.writeFileSync(p, bytes);
          } else if (kind === 'truncate') fs.truncateSync(p, Math.floor(fs.statSync(p).size * rnd()));
          else if (kind === 'delete') fs.rmSync(p);
          else fs.writeFileSync(path.join(copy, 'data', 'extra.age'), 'x');
          const before = dbBytesHash(bureau);
          const r = await bureau.ok('sync.bundle.import', { dir: copy }, bureau.adminToken);
          log.push(`  ${kind} ${f} of #${b.seq} → ${r.outcome} ${r.code ?? ''}`);
          expect(r.outcome, `${kind} ${f}: ${r.message}`).toBe('quarantined');
          expect(dbBytesHash(bureau)).toBe(before);
        },
      ],
      [
        () => (inTransit.length ? 1 : 0),
        'stick lost',
        async () => {
          if (!inTransit.length) return;
          const b = inTransit.splice(Math.floor(rnd() * inTransit.length), 1)[0]!;
          execFileSync('chmod', ['-R', 'u+w', b.dir]);
          fs.rmSync(b.dir, { recursive: true });
          log.push(`  lost #${b.seq}`);
        },
      ],
      [
        () => (receipts.length ? 4 : 0),
        'receipt',
        async () => {
          if (!receipts.length) return;
          const f = receipts.splice(Math.floor(rnd() * receipts.length), 1)[0]!;
          if (rnd() < 0.25) {
            log.push(`  receipt lost ${path.basename(f).slice(0, 8)}`);
            return;
          }
          const r = await station.ok('sync.receipt.import', { file: f }, tok);
          log.push(`  receipt #${r.seq} → ${r.status}`);
          expect(['applied', 'already']).toContain(r.status);
          expect(r.newEpoch).toBe(false);
        },
      ],
    ];
    const steps = 10 + Math.floor(rnd() * 6);
    for (let i = 0; i < steps; i++) {
      const weights = ops.map(([w]) => w());
      let x = rnd() * weights.reduce((a, b) => a + b, 0);
      const op = ops.find((_, j) => (x -= weights[j]!) < 0) ?? ops[0]!;
      log.push(op[1]);
      await op[2]();
    }

    // A final clean round trip: the bureau then holds exactly the station's current records.
    log.push('final round trip');
    const last = await station.ok('sync.bundle.export', { outDir: stick }, tok);
    expect(last.newEpoch).toBe(false);
    const final: Sent = { dir: last.dir, seq: last.seq, bundleId: last.bundleId, snapshot: stationRecords(station) };
    await importAt(final, 'final import');
    expect(bureauRecords(bureau, sid)).toEqual(stationRecords(station));
    const bstore = new BlobStore(bureau.dir);
    const shas = station.core.ctx.sqlite.prepare('SELECT original_sha256 FROM pages').pluck().all() as string[];
    for (const sha of shas) expect(bstore.verify(sha)).toBeNull();
    await station.ok('sync.receipt.import', { file: receipts.at(-1)! }, tok);
    const s = await station.ok('sync.status', {}, tok);
    if (s.role !== 'station') throw new Error('role');
    expect(s.pendingRecords).toBe(0);
    expect(s.pendingFiles).toBe(0);
    expect(s.epoch).toBe(1);
    return log;
  } catch (e) {
    const err = e as Error;
    err.message = `property failed for seed ${seed} (replay: PROPERTY_SEED=${seed}); steps:\n  ${log.join('\n  ')}\n${err.message}`;
    throw err;
  } finally {
    await station.close();
    await bureau.close();
    for (const d of [stick, faults]) {
      execFileSync('chmod', ['-R', 'u+w', d]);
      fs.rmSync(d, { recursive: true, force: true });
    }
  }
}

describe('sync property: the bureau holds exactly the station’s records', () => {
  it(
    `after ${LONG ? SEQUENCES : BOUNDED_SEEDS.length} random sequences of edits, exports, faults, retries and receipts`,
    { timeout: 180_000 },
    async () => {
      const only = process.env.PROPERTY_SEED ? [Number(process.env.PROPERTY_SEED)] : null;
      const seeds = only ?? (LONG ? Array.from({ length: SEQUENCES }, (_, i) => BASE_SEED + i) : BOUNDED_SEEDS);
      const logs: string[] = [];
      for (const seed of seeds) logs.push(...(await runSequence(seed)));
      // The sequences did exercise what the property is about.
      const count = (re: RegExp) => logs.filter((l) => re.test(l)).length;
      const seen = {
        applied: count(/→ applied/),
        stale: count(/BUNDLE_STALE/),
        duplicate: count(/→ duplicate/),
        damaged: count(/→ quarantined BUNDLE_(?!STALE)/),
        pulled: count(/^export, stick pulled/),
        lost: count(/lost #/),
        receiptLost: count(/receipt lost/),
        receiptRead: count(/receipt #\d+ → applied/),
      };
      console.log(`property (${seeds.length} sequences, seeds ${seeds[0]}…):`, JSON.stringify(seen));
      if (!only) for (const [k, v] of Object.entries(seen)) expect(v, k).toBeGreaterThan(0);
    },
  );
});

describe('two bundles out of order', () => {
  let n: SyncNodes | undefined;
  afterAll(() => n?.close());

  it('bundle N+1 before N: N+1 applies (it carries N’s changes), N is refused as stale, nothing is lost', async () => {
    n = await makeSyncNodes();
    const items = await n.addItems(2);
    const r1 = await n.importBundle((await n.exportBundle()).dir, await n.stationFingerprint());
    await n.station.ok('sync.receipt.import', { file: r1.receiptFile }, n.station.adminToken);
    // Bundle N: a new item with a scan. Its stick stays in a drawer.
    const [a] = await n.addItems(1, '第N包');
    const scanN = n.addPage(a!.id, noise(30_000, 1));
    const bN = await n.exportBundle();
    // Bundle N+1, written before any receipt for N: an edit, a deletion, another scan.
    const cur = await n.station.ok('catalogue.get', { id: items[0]!.id }, n.station.adminToken);
    await n.station.ok(
      'catalogue.update',
      { id: cur.id, expectedVersion: cur.version, title: '第N+1包改的', persons: [] },
      n.station.adminToken,
    );
    await n.station.ok('catalogue.delete', { id: items[1]!.id, reason: '误登' }, n.station.adminToken);
    const scanN1 = n.addPage(items[0]!.id, noise(20_000, 2));
    const bN1 = await n.exportBundle();
    expect(bN1.seq).toBe(bN.seq + 1);
    expect(bN1.files).toBe(2);
    const snapshot = stationRecords(n.station);

    const r = await n.importBundle(bN1.dir);
    expect(r.outcome).toBe('applied');
    expect(bureauRecords(n.bureau, n.stationId)).toEqual(snapshot);
    const store = new BlobStore(n.bureau.dir);
    for (const sha of [scanN, scanN1]) expect(store.verify(sha)).toBeNull();

    const before = dbBytesHash(n.bureau);
    const late = await n.importBundle(bN.dir);
    expect(late.outcome).toBe('quarantined');
    expect(late.code).toBe('BUNDLE_STALE');
    expect(dbBytesHash(n.bureau)).toBe(before);

    // N+1's receipt acknowledges everything N carried too; N's receipt never comes and is not needed.
    await n.station.ok('sync.receipt.import', { file: r.receiptFile }, n.station.adminToken);
    const s = await n.station.ok('sync.status', {}, n.station.adminToken);
    if (s.role !== 'station') throw new Error('role');
    expect(s.ackedBundleSeq).toBe(bN1.seq);
    expect(s.pendingRecords).toBe(0);
    expect(s.pendingFiles).toBe(0);
    expect(s.outbox.reported).toBe(snapshot.size);
    // The next bundle chains on N+1.
    await n.addItems(1, '之后');
    const next = await n.exportBundle();
    expect(fs.readFileSync(path.join(next.dir, 'bag-info.txt'), 'utf8')).toContain(`Prev-Bundle-Id: ${bN1.bundleId}`);
    expect((await n.importBundle(next.dir)).outcome).toBe('applied');
    expect(bureauRecords(n.bureau, n.stationId)).toEqual(stationRecords(n.station));
  });
});
