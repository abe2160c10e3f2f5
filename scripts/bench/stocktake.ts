/**
 * `npm run bench:stocktake`: a stock-take of a generated shelf tree holding 10,000 boxes
 * (targets: scans processed at ≥ 200 labels/s through dispatch, the full report in ≤ 1 s).
 * The tree (1 库房 × 10 区 × 10 列 × 5 节 × 4 层) and the boxes are written in bulk here;
 * the clerk scans each 层's label, then its boxes, with a few misplaced, unknown and repeated
 * labels and some boxes not scanned (missing). Prints JSON; progress on stderr.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { boxes, locations, places, type BoxRecord, type PlaceRecord } from '../../db/schema';
import { createCore } from '../../electron/core/app';
import { inTransaction, nodeIdOf } from '../../electron/core/kernel';
import { boxCode, labelPayload } from '../../electron/core/shelving';
import { BENCH_ADMIN, log, round, setupBenchStation } from './stats';

const BOXES = Number(process.env.STOCKTAKE_BENCH_BOXES ?? 10_000);
const TARGET = { labelsPerSecond: 200, reportSeconds: 1 };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dangan-bench-stocktake-'));
const core = createCore({ dataDir: dir, log: { info() {}, error: (m, x) => log(`${m} ${String(x ?? '')}`) } });
try {
  await setupBenchStation(core);
  const login = await core.dispatch('auth.login', BENCH_ADMIN);
  if (!login.ok) throw new Error(login.error.message);
  const session = { sessionToken: login.value.token };
  const ctx = core.ctx;

  // The tree and the boxes, in one transaction with drizzle's bulk insert.
  const t0 = performance.now();
  const now = ctx.nowIso();
  const node = nodeIdOf(ctx);
  const place = (code: string, name: string, parent: PlaceRecord | null, position: number): PlaceRecord => ({
    id: ctx.ids(),
    nodeId: node,
    version: 1,
    parentId: parent?.id ?? null,
    depth: parent ? parent.depth + 1 : 0,
    code,
    name,
    position,
    roomId: null,
    capacity: 5,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  });
  const all: PlaceRecord[] = [];
  const layers: PlaceRecord[] = [];
  const room = place('KF1', 'A库房', null, 0);
  all.push(room);
  for (let a = 1; a <= 10; a++) {
    const area = place(`KF1-${a}`, `${a}区`, room, a);
    all.push(area);
    for (let c = 1; c <= 10; c++) {
      const col = place(`${area.code}-${c}`, `${c}列`, area, c);
      all.push(col);
      for (let s = 1; s <= 5; s++) {
        const sec = place(`${col.code}-${s}`, `${s}节`, col, s);
        all.push(sec);
        for (let l = 1; l <= 4; l++) {
          const layer = place(`${sec.code}-${l}`, `${l}层`, sec, l);
          all.push(layer);
          layers.push(layer);
        }
      }
    }
  }
  const perLayer = BOXES / layers.length;
  const cls = { fondsCode: 'J001', categoryCode: 'WS', year: 2024, retention: 'Y' as const, orgCode: 'BGS' };
  const boxRows: BoxRecord[] = Array.from({ length: BOXES }, (_, i) => ({
    id: ctx.ids(),
    nodeId: node,
    version: 1,
    code: boxCode(cls, i + 1),
    ...cls,
    categoryId: 'bench-ws',
    boxNo: i + 1,
    thicknessMm: 30,
    remarks: '',
    createdBy: null,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  }));
  inTransaction(ctx, () => {
    for (let i = 0; i < all.length; i += 500)
      ctx.orm
        .insert(places)
        .values(all.slice(i, i + 500))
        .run();
    for (let i = 0; i < BOXES; i += 500) {
      ctx.orm
        .insert(boxes)
        .values(boxRows.slice(i, i + 500))
        .run();
      ctx.orm
        .insert(locations)
        .values(
          boxRows.slice(i, i + 500).map((b, j) => ({
            entity: 'box' as const,
            entityId: b.id,
            placeId: layers[Math.floor((i + j) / perLayer)]!.id,
            placedAt: now,
            placedBy: 'bench',
          })),
        )
        .run();
    }
  });
  const fixtureSeconds = (performance.now() - t0) / 1000;
  log(`fixture: ${all.length} 个库位，${BOXES} 个档案盒，${round(fixtureSeconds)} 秒`);

  const start = await core.dispatch('stocktake.start', { place: 'KF1', title: '全库盘点' }, session);
  if (!start.ok) throw new Error(start.error.message);
  const id = start.value.id;

  // What the clerk scans: each 层, then its boxes; every 50th box is skipped (missing), every
  // 40th is scanned at the next 层 (misplaced), every 100th label is foreign, every 97th repeated.
  const labels: string[] = [];
  layers.forEach((layer, li) => {
    labels.push(labelPayload('place', layer.code, layer.id));
    for (let k = 0; k < perLayer; k++) {
      const i = li * perLayer + k;
      const b = boxRows[i]!;
      if (i % 50 === 7) continue;
      if (i % 40 === 3 && li + 1 < layers.length) continue; // scanned at the next layer below
      labels.push(labelPayload('box', b.code, b.id));
      if (i % 97 === 0) labels.push(labelPayload('box', b.code, b.id));
      if (i % 100 === 1) labels.push(`NOT-OURS-${i}`);
    }
    if (li > 0)
      for (let k = 0; k < perLayer; k++) {
        const i = (li - 1) * perLayer + k;
        if (i % 40 === 3 && i % 50 !== 7) labels.push(labelPayload('box', boxRows[i]!.code, boxRows[i]!.id));
      }
  });

  // CPU time beside wall time: on a shared build machine the wall clock also counts other jobs.
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const t1 = performance.now();
  const c1 = cpu();
  let n = 0;
  for (const code of labels) {
    const r = await core.dispatch('stocktake.scan', { id, code, source: 'wedge' }, session);
    if (!r.ok) throw new Error(r.error.message);
    if (++n % 2000 === 0) log(`已扫描 ${n}/${labels.length}`);
  }
  const scanSeconds = (performance.now() - t1) / 1000;
  const scanCpu = cpu() - c1;
  const labelsPerSecond = labels.length / scanSeconds;

  const t2 = performance.now();
  const c2 = cpu();
  const report = await core.dispatch('stocktake.get', { id }, session);
  const reportSeconds = (performance.now() - t2) / 1000;
  const reportCpu = cpu() - c2;
  if (!report.ok) throw new Error(report.error.message);
  const t3 = performance.now();
  const accepted = await core.dispatch('stocktake.accept', { id }, session);
  const acceptSeconds = (performance.now() - t3) / 1000;
  if (!accepted.ok) throw new Error(accepted.error.message);
  log(`扫描 ${labels.length} 个标签 ${round(scanSeconds)} 秒，报告 ${round(reportSeconds * 1000)} ms`);

  process.stdout.write(
    JSON.stringify(
      {
        benchmark: 'stocktake',
        target: TARGET,
        fixture: { places: all.length, boxes: BOXES, seconds: round(fixtureSeconds) },
        scans: {
          labels: labels.length,
          seconds: round(scanSeconds),
          labelsPerSecond: Math.round(labelsPerSecond),
          cpuSeconds: round(scanCpu),
          labelsPerCpuSecond: Math.round(labels.length / scanCpu),
        },
        report: {
          seconds: Math.round(reportSeconds * 1000) / 1000,
          cpuSeconds: Math.round(reportCpu * 1000) / 1000,
          counts: report.value.counts,
        },
        accept: { seconds: Math.round(acceptSeconds * 1000) / 1000, moved: accepted.value.moved },
        withinTargets: labelsPerSecond >= TARGET.labelsPerSecond && reportSeconds <= TARGET.reportSeconds,
      },
      null,
      2,
    ) + '\n',
  );
} finally {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
