/**
 * The bureau bench:reports counts the county report at: S stations of N demo items each (their own
 * seed and 全宗号), each closing the year as its head, sending its bundle and the bureau importing
 * them all, as two stations do in tests/integration/bureau-statistics.test.ts. Built once and kept
 * (`dangan-bench-county-SxN` in the system temp); a station's own archive is removed once its bundle
 * is imported (20 stations would hold gigabytes). A build cut short resumes: stations whose closed
 * year the bureau holds are kept, the one in progress is made again from its enrollment package.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../electron/core/app';
import { generateDemo } from '../../electron/core/demo';
import type { Actor } from '../../electron/core/kernel';
import {
  addStation,
  enrollStation,
  exportBundle,
  importBundle,
  keyRow,
  unlockWithPassphrase,
} from '../../electron/core/sync';
import { call, ensureHead, login, shiftedClock } from './reports-archive';
import { BENCH_ADMIN, log } from './stats';

type Core = ReturnType<typeof createCore>;
const PASSPHRASE = 'bench county passphrase';
const actor: Actor = { id: null, name: 'bench' };
const quiet = { info() {}, error: (m: string, x?: unknown) => log(`${m} ${String(x ?? '')}`) };
const DONE = 'built.json';
const sid = (k: number) => `ST${String(k + 1).padStart(2, '0')}`;

/** Opens the cached bureau of `stations` × `items` for `year`, building it first; the caller closes the core. */
export async function openCountyBureau(stations: number, items: number, year: number) {
  const root = path.join(os.tmpdir(), `dangan-bench-county-${stations}x${items}`);
  const bureauDir = path.join(root, 'bureau');
  const done = path.join(root, DONE);
  let buildSeconds: number | null = null;
  if (!fs.existsSync(done) || JSON.parse(fs.readFileSync(done, 'utf8')).year !== year) {
    if (fs.existsSync(done)) fs.rmSync(root, { recursive: true, force: true });
    const t0 = performance.now();
    await buildCounty(root, bureauDir, stations, items, year);
    buildSeconds = Math.round(performance.now() - t0) / 1000;
    fs.writeFileSync(done, JSON.stringify({ stations, items, year, buildSeconds }));
  } else log(`county: reusing ${stations} × ${items} in ${root}`);
  const core: Core = createCore({ dataDir: bureauDir, log: quiet });
  return { core, dir: bureauDir, buildSeconds, session: await login(core) };
}

async function buildCounty(root: string, bureauDir: string, stations: number, items: number, year: number) {
  log(`county: building ${stations} stations × ${items} items (year ${year}) into ${root}`);
  const bureau: Core = createCore({ dataDir: bureauDir, log: quiet });
  const db = bureau.ctx.sqlite;
  const resumed = (db.prepare('SELECT count(*) FROM users').pluck().get() as number) > 0;
  try {
    const b = resumed
      ? ({ ok: true } as const)
      : await bureau.dispatch('setup.initialize', {
          nodeRole: 'bureau',
          unitName: '北港县公安局',
          fondsCode: 'J100',
          adminUsername: BENCH_ADMIN.username,
          adminDisplayName: '管理员',
          adminPassword: BENCH_ADMIN.password,
        });
    if (!b.ok) throw new Error(b.error.message);
    unlockWithPassphrase(bureau.ctx, PASSPHRASE);
    for (let k = 0; k < stations; k++) {
      const t0 = performance.now();
      const stick = path.join(root, 'stick', sid(k));
      const has = (sql: string) => !!db.prepare(sql).get(sid(k));
      if (has(`SELECT 1 FROM station_records WHERE station_id = ? AND entity = 'statistics_closure'`)) continue;
      fs.rmSync(path.join(root, 'station', sid(k)), { recursive: true, force: true });
      if (!has('SELECT 1 FROM sync_stations WHERE station_id = ?')) {
        fs.rmSync(stick, { recursive: true, force: true });
        fs.mkdirSync(stick, { recursive: true });
        await addStation(bureau.ctx, actor, { stationId: sid(k), name: `第${k + 1}派出所`, outDir: stick });
      } else if (!fs.existsSync(path.join(stick, `DGE-${sid(k)}`)))
        throw new Error(`${sid(k)}: 登记包缺失，请删除 ${root} 重建`);
      else
        for (const e of fs.readdirSync(stick))
          if (!e.startsWith('DGE-')) fs.rmSync(path.join(stick, e), { recursive: true });
      const dir = await sendStation(k, path.join(root, 'station', sid(k)), stick, items, year);
      const imp = await bureau.ctx.lock.run(() => importBundle(bureau.ctx, actor, dir.bundle, { acceptKey: dir.fp }));
      if (imp.outcome !== 'applied') throw new Error(`import ${sid(k)}: ${imp.message}`);
      fs.rmSync(path.join(root, 'station', sid(k)), { recursive: true, force: true });
      fs.rmSync(stick, { recursive: true, force: true });
      log(`county: ${sid(k)} ${k + 1}/${stations} in ${Math.round(performance.now() - t0) / 1000} s`);
    }
  } finally {
    await bureau.close();
  }
}

/** One station: set up, demo, enrolled, the year closed by its head, its bundle written onto the stick. */
async function sendStation(k: number, dir: string, stick: string, items: number, year: number) {
  const clock = shiftedClock();
  const station: Core = createCore({ dataDir: dir, clock, log: quiet });
  try {
    const fonds = `J${String(k + 1).padStart(3, '0')}`;
    const s = await station.dispatch('setup.initialize', {
      nodeRole: 'station',
      unitName: `北港县公安局第${k + 1}派出所`,
      fondsCode: fonds,
      adminUsername: BENCH_ADMIN.username,
      adminDisplayName: '管理员',
      adminPassword: BENCH_ADMIN.password,
    });
    if (!s.ok) throw new Error(s.error.message);
    unlockWithPassphrase(station.ctx, PASSPHRASE);
    await enrollStation(station.ctx, actor, path.join(stick, `DGE-${sid(k)}`));
    await generateDemo(station.ctx, { items, seed: `county-${k + 1}`, workflows: true });
    // Closing needs the year to be over: from here the station's clock reads ten days into the next year.
    clock.shift = Math.max(0, new Date(year + 1, 0, 10).getTime() - Date.now());
    const head = await ensureHead(station, await login(station));
    await call(station, head, 'statistics.close', { year, password: 'Head-Passw0rd', comment: '基准测试' });
    const r = await exportBundle(station.ctx, actor, { outDir: stick });
    return { bundle: r.dir, fp: keyRow(station.ctx, 'sign')!.fingerprint };
  } finally {
    await station.close();
  }
}
