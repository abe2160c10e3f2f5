/**
 * `dangan demo`: a realistic demo catalogue appended to a set-up archive, written
 * straight to SQLite (no dispatch) so a million items load in well under a minute.
 * Same seed, same titles and 档号 (on the same starting database).
 */
import type { CategoryView } from '../../contract/dto';
import type { Retention } from '../../contract/domain';
import { appendAudit } from '../audit/chain';
import { itemArchiveCode, type ItemClass, type VolumeRef } from '../catalogue/class';
import { formatArchiveCode } from '../catalogue/archive-code';
import { nodeIdOf } from '../kernel/changelog';
import { actorOf, type CoreContext } from '../kernel/context';
import { AppError } from '../kernel/errors';
import { loadScheme } from '../scheme/repo';
import { fondsCodeOf, getMeta, isSetUp } from '../setup/meta';
import { dayOf, People, YMD } from './people';
import { planClasses, sortedDays, volumeSizes, type ClassPlan } from './plan';
import type { At, Draft, Env } from './profiles';
import { Rng } from './rng';
import { DemoWriter, secondaryIndexes } from './writer';

export interface DemoOptions {
  items: number;
  seed?: string | number;
  /** Items per transaction. */
  batchSize?: number;
  /** Drop the items' secondary indexes during the load and rebuild them after; default: for large loads. */
  rebuildIndexes?: boolean;
  onProgress?(done: number, total: number): void;
}

export interface DemoResult {
  items: number;
  volumes: number;
  persons: number;
  links: number;
  seed: string;
  seconds: number;
  itemsPerSecond: number;
}

/** Extra-field values kept in the category's field order, valid for each field's type. */
function extraSerializer(category: CategoryView): (values: Record<string, string>) => string {
  const fields = category.effectiveFields.map((f) => ({ key: f.key, options: f.type === 'enum' ? f.options : null }));
  return (values) => {
    const out: Record<string, string> = {};
    for (const f of fields) {
      const v = values[f.key];
      if (v && (!f.options || f.options.includes(v))) out[f.key] = v;
    }
    return JSON.stringify(out);
  };
}

const security = (rng: Rng) => {
  const x = rng.next();
  return x < 0.9 ? 0 : x < 0.98 ? 1 : 2;
};

export function generateDemo(ctx: CoreContext, opts: DemoOptions): DemoResult {
  if (!isSetUp(ctx)) throw new AppError('SETUP_REQUIRED', '尚未完成首次设置：请先运行 dangan setup，再生成演示数据');
  const started = performance.now();
  const db = ctx.sqlite;
  const seed = String(opts.seed ?? 1);
  const rng = new Rng(seed);
  const total = Math.max(0, Math.floor(opts.items));
  const batch = opts.batchSize ?? 25_000;
  const fonds = fondsCodeOf(ctx);
  const unit = getMeta(ctx, 'unit_name') ?? '北港派出所';
  const now = ctx.clock.now();
  const today = dayOf(now.getUTCFullYear()) + Math.floor((now.getTime() - Date.UTC(now.getUTCFullYear(), 0, 1)) / 864e5);
  const writer = new DemoWriter(db, nodeIdOf(ctx), fonds, ctx.nowIso());

  // Numbering continues after what the archive already holds (deleted numbers included).
  const key = (c: string, y: number, r: string, o: string) => `${c}|${y}|${r}|${o}`;
  const maxItem = new Map<string, number>();
  for (const r of db
    .prepare(
      'SELECT category_id c, year y, retention r, org_code o, max(item_no) m FROM items WHERE volume_id IS NULL GROUP BY 1, 2, 3, 4',
    )
    .all() as { c: string; y: number; r: string; o: string; m: number }[])
    maxItem.set(key(r.c, r.y, r.r, r.o), r.m);
  const maxVolume = new Map<string, number>();
  for (const r of db
    .prepare('SELECT category_id c, year y, retention r, org_code o, max(volume_no) m FROM volumes GROUP BY 1, 2, 3, 4')
    .all() as { c: string; y: number; r: string; o: string; m: number }[])
    maxVolume.set(key(r.c, r.y, r.r, r.o), r.m);
  const taken = new Set(
    (db.prepare('SELECT id_number FROM persons WHERE id_number IS NOT NULL').pluck().all() as string[]) ?? [],
  );

  const personIds: string[] = [];
  const people = new People(rng, taken, (p) => {
    const id = ctx.ids();
    personIds[p.index] = id;
    writer.person(id, p.name, p.idNumber);
  });
  const counters = new Map<string, number>();
  const env: Env = {
    rng,
    people,
    unit,
    unitAbbr: (/([\u4e00-\u9fa5])[\u4e00-\u9fa5]?派出所$/.exec(unit)?.[1] ?? '') + '派',
    officers: Array.from({ length: 12 }, () => people.name(dayOf(1960 + rng.int(35)), rng.chance(0.75))),
    next(series, year) {
      const k = series + year;
      const n = (counters.get(k) ?? 0) + rng.range(1, 3);
      counters.set(k, n);
      return n;
    },
  };

  const scheme = loadScheme(ctx).list;
  const plans = planClasses(rng, scheme, fonds, total, now);
  const serializers = new Map(scheme.map((c) => [c.id, extraSerializer(c)]));
  let done = 0;
  let volumes = 0;
  let links = 0;
  let sinceCommit = 0;

  const writeItem = (cls: ItemClass, itemNo: number, d: Draft, day: number, level: number): void => {
    const ps = d.persons.length === 2 && d.persons[0] === d.persons[1] ? [d.persons[0]!] : d.persons;
    writer.item(
      {
        id: ctx.ids(),
        categoryId: cls.category.id,
        categoryCode: cls.category.fullCode,
        year: cls.year,
        retention: cls.retention,
        orgCode: cls.orgCode,
        volumeId: cls.volume?.id ?? null,
        itemNo,
        archiveCode: itemArchiveCode(cls, itemNo),
        title: d.title,
        author: d.author,
        docNumber: d.docNumber,
        date: YMD[day]!,
        pageCount: d.pageCount,
        securityLevel: level,
        extra: serializers.get(cls.category.id)!(d.extra),
        personNames: ps.map((i) => people.names[i]).join('、'),
      },
      ps.map((i) => personIds[i]!),
    );
    links += ps.length;
    done++;
    if (++sinceCommit >= batch) {
      writer.commit();
      ctx.dataVersion++;
      opts.onProgress?.(done, total);
      writer.begin();
      sinceCommit = 0;
    }
  };

  const itemClass = (p: ClassPlan): void => {
    const from = dayOf(p.year);
    const to = Math.min(dayOf(p.year + 1) - 1, today);
    const cls: ItemClass = { fonds, category: p.category, year: p.year, retention: p.retention, orgCode: p.orgCode, volume: null };
    const first = (maxItem.get(key(p.category.id, p.year, p.retention, p.orgCode)) ?? 0) + 1;
    const days = sortedDays(rng, p.count, from, to);
    for (let k = 0; k < p.count; k++) {
      const at: At = { year: p.year, day: days[k]! };
      writeItem(cls, first + k, p.profile.item!(env, at), at.day, security(rng));
    }
  };

  const volumeClass = (p: ClassPlan): void => {
    const from = dayOf(p.year);
    const to = Math.min(dayOf(p.year + 1) - 1, today);
    const sizes = volumeSizes(rng, p.count);
    const starts = sortedDays(rng, sizes.length, from, to);
    let volumeNo = maxVolume.get(key(p.category.id, p.year, p.retention, p.orgCode)) ?? 0;
    const seg = { fonds, category: p.category.fullCode, year: p.year, retention: p.retention, org: p.orgCode };
    sizes.forEach((size, v) => {
      const start = starts[v]!;
      const vd = p.profile.volume!(env, { year: p.year, day: start });
      const days = sortedDays(rng, size, start, Math.min(to, start + (p.profile.span ?? 60)));
      const levels = Array.from({ length: size }, () => security(rng));
      const ref: VolumeRef = {
        id: ctx.ids(),
        archive_code: formatArchiveCode(p.category.volumeCodeTemplate, { ...seg, volume: ++volumeNo }),
        volume_no: volumeNo,
        year: p.year,
        retention: p.retention as Retention,
        org_code: p.orgCode,
        category_id: p.category.id,
        security_level: Math.max(...levels),
      };
      writer.volume({
        id: ref.id,
        categoryId: p.category.id,
        categoryCode: p.category.fullCode,
        year: p.year,
        retention: p.retention,
        orgCode: p.orgCode,
        volumeNo,
        archiveCode: ref.archive_code,
        title: vd.title,
        startDate: YMD[days[0]!]!,
        endDate: YMD[days[size - 1]!]!,
        securityLevel: ref.security_level,
      });
      volumes++;
      const cls: ItemClass = { fonds, category: p.category, year: p.year, retention: p.retention, orgCode: p.orgCode, volume: ref };
      for (let k = 0; k < size; k++) {
        const at: At = { year: p.year, day: days[k]! };
        writeItem(cls, k + 1, vd.item(k, at), at.day, levels[k]!);
      }
    });
  };

  const rebuild = opts.rebuildIndexes ?? total >= 200_000;
  const dropped = rebuild
    ? (process.env.DEMO_DROP_ALL ? ['items', 'persons', 'item_persons', 'change_log'] : ['items'])
        .flatMap((t) => secondaryIndexes(db, t))
        .filter((i) => process.env.DEMO_DROP_ALL || i.name.startsWith('ix_'))
    : [];
  const tIdx = performance.now();
  try {
    for (const i of dropped) db.exec(`DROP INDEX IF EXISTS "${i.name}"`);
    writer.begin();
    for (const p of plans) (p.category.arrangement === 'volume' ? volumeClass : itemClass)(p);
    appendAudit(ctx, actorOf(null), {
      action: 'demo.generate',
      entity: 'system',
      summary: `生成演示数据：${done} 件、${volumes} 卷、${people.size} 人（种子 ${seed}）`,
      details: { items: done, volumes, persons: people.size, links, seed },
    });
    writer.commit();
  } catch (e) {
    writer.abort();
    throw e;
  } finally {
    const t0 = performance.now();
    for (const i of dropped) db.exec(i.sql);
    if (process.env.DEMO_T) console.error('load', t0 - tIdx, 'index', performance.now() - t0);
    ctx.dataVersion++;
  }
  writer.restore();
  // Fresh statistics so the planner picks the covering indexes; a sampled ANALYZE is enough.
  db.pragma('analysis_limit = 2000');
  db.exec('ANALYZE');
  const t1 = performance.now();
  db.pragma('wal_checkpoint(TRUNCATE)');
  if (process.env.DEMO_T) console.error('ckpt', performance.now() - t1);
  ctx.dataVersion++;
  opts.onProgress?.(done, total);
  const seconds = (performance.now() - started) / 1000;
  return {
    items: done,
    volumes,
    persons: people.size,
    links,
    seed,
    seconds: Math.round(seconds * 100) / 100,
    itemsPerSecond: Math.round(done / seconds),
  };
}
