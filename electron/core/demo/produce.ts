/**
 * The demo generator proper: turns a seed and the archive's current state into
 * batches of rows (persons, volumes, items with their links and, if asked, their page
 * text), without touching the database, so it can run in a worker thread while the
 * main thread writes.
 */
import type { CategoryView } from '../../contract/dto';
import type { ItemRow, LinkRow, PageTextRow, PersonRow, VolumeRow } from './columns';
import { dayOf, People, YMD } from './people';
import { PageTexts, type PageBuilder } from './pages';
import { planClasses, sortedDays, volumeSizes, type ClassPlan } from './plan';
import type { At, Draft, Env } from './profiles';
import { Rng } from './rng';
import { JsonRows } from './rows';
import { formatArchiveCode } from '../scheme';
import { itemArchiveCode, type ItemClass, type VolumeRef } from '../catalogue';

export interface ProduceInput {
  seed: string;
  total: number;
  batchSize: number;
  fonds: string;
  unit: string;
  /** Today as a day index (people.ts): no record is dated after it. */
  today: number;
  scheme: CategoryView[];
  /** Highest 件号 / 卷号 already used per class `categoryId|year|retention|org`. */
  maxItem: [string, number][];
  maxVolume: [string, number][];
  /** 公民身份号码 already in the archive. */
  taken: string[];
  /** Also write OCR-like page text for every item (pages.ts). */
  ocrText?: boolean;
}

/**
 * Rows as UTF-8 JSON arrays of arrays, one per table (rows.ts): the writer inserts each
 * with one `INSERT … SELECT … FROM jsonb_each(?)`, so SQLite unpacks the fields in C
 * instead of the writing thread binding ~17 parameters per row. Field order: columns.ts.
 */
export interface Batch {
  items: number;
  volumes: number;
  persons: number;
  links: number;
  pages: number;
  /** Characters (UTF-16 code units) of page text in the batch. */
  textChars: number;
  personRows: Uint8Array;
  volumeRows: Uint8Array;
  itemRows: Uint8Array;
  linkRows: Uint8Array;
  /** Null when page text is off. */
  pageRows: Uint8Array | null;
}

/** Link and page-text rows are the most numerous: written as JSON text directly (ids are UUIDs, no escaping). */
const linkJson = (r: LinkRow) => `["${r[0]}","${r[1]}",${r[2]}]`;
const pageTextJson = (r: PageTextRow) => `["${r[0]}","${r[1]}",${r[2]},${JSON.stringify(r[3])}]`;

export const classKey = (c: string, y: number, r: string, o: string) => `${c}|${y}|${r}|${o}`;

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

export function produce(input: ProduceInput, ids: () => string, emit: (b: Batch) => void): void {
  const rng = new Rng(input.seed);
  const { fonds, today } = input;
  const maxItem = new Map(input.maxItem);
  const maxVolume = new Map(input.maxVolume);
  // Each row is encoded while its strings are fresh, so only bytes outlive it.
  const persons = new JsonRows();
  const volumes = new JsonRows();
  const items = new JsonRows(1 << 24);
  const links = new JsonRows(1 << 22);
  // ~1.5 KB of UTF-8 per item: sized so a default batch rarely has to grow the buffer.
  const pages = input.ocrText ? new JsonRows(1 << 26) : null;
  let textChars = 0;
  const flush = () => {
    emit({
      items: items.count,
      volumes: volumes.count,
      persons: persons.count,
      links: links.count,
      pages: pages?.count ?? 0,
      textChars,
      personRows: persons.take(),
      volumeRows: volumes.take(),
      itemRows: items.take(),
      linkRows: links.take(),
      pageRows: pages?.take() ?? null,
    });
    textChars = 0;
  };

  const personIds: string[] = [];
  const people = new People(rng, new Set(input.taken), (p) => {
    const id = ids();
    personIds[p.index] = id;
    persons.push(JSON.stringify([id, p.name, p.idNumber] satisfies PersonRow));
  });
  const counters = new Map<string, number>();
  const env: Env = {
    rng,
    people,
    unit: input.unit,
    unitAbbr: (/([\u4e00-\u9fa5])[\u4e00-\u9fa5]?派出所$/.exec(input.unit)?.[1] ?? '') + '派',
    officers: Array.from({ length: 12 }, () => people.name(dayOf(1960 + rng.int(35)), rng.chance(0.75))),
    next(series, year) {
      const k = series + year;
      const n = (counters.get(k) ?? 0) + rng.range(1, 3);
      counters.set(k, n);
      return n;
    },
  };
  const serializers = new Map(input.scheme.map((c) => [c.id, extraSerializer(c)]));
  const texts = input.ocrText ? new PageTexts(input.seed, input.unit, env.officers, people) : null;
  const builders = new Map<string, PageBuilder>(texts ? input.scheme.map((c) => [c.id, texts.byCategory(c)]) : []);
  const security = () => {
    const x = rng.next();
    return x < 0.9 ? 0 : x < 0.98 ? 1 : 2;
  };

  const item = (cls: ItemClass, itemNo: number, d: Draft, day: number, level: number): void => {
    const ps = d.persons.length === 2 && d.persons[0] === d.persons[1] ? [d.persons[0]!] : d.persons;
    const id = ids();
    let names = '';
    for (let i = 0; i < ps.length; i++) {
      names += (i ? '、' : '') + people.names[ps[i]!];
      links.push(linkJson([id, personIds[ps[i]!]!, i]));
    }
    const row: ItemRow = [
      id,
      cls.category.id,
      cls.category.fullCode,
      cls.year,
      cls.retention,
      cls.orgCode,
      cls.volume?.id ?? null,
      itemNo,
      itemArchiveCode(cls, itemNo),
      d.title,
      d.author,
      d.docNumber,
      YMD[day]!,
      d.pageCount ?? null,
      level,
      serializers.get(cls.category.id)!(d.extra),
      names,
    ];
    items.push(JSON.stringify(row));
    if (pages) {
      const text = builders.get(cls.category.id)!(d, ps, day);
      for (let k = 0; k < text.length; k++) {
        pages.push(pageTextJson([ids(), id, k + 1, text[k]!]));
        textChars += text[k]!.length;
      }
    }
    if (items.count >= input.batchSize) flush();
  };

  const itemClass = (p: ClassPlan): void => {
    const to = Math.min(dayOf(p.year + 1) - 1, today);
    const cls: ItemClass = {
      fonds,
      category: p.category,
      year: p.year,
      retention: p.retention,
      orgCode: p.orgCode,
      volume: null,
    };
    const first = (maxItem.get(classKey(p.category.id, p.year, p.retention, p.orgCode)) ?? 0) + 1;
    const days = sortedDays(rng, p.count, dayOf(p.year), to);
    for (let k = 0; k < p.count; k++) {
      const at: At = { year: p.year, day: days[k]! };
      item(cls, first + k, p.profile.item!(env, at), at.day, security());
    }
  };

  const volumeClass = (p: ClassPlan): void => {
    const to = Math.min(dayOf(p.year + 1) - 1, today);
    const sizes = volumeSizes(rng, p.count);
    const starts = sortedDays(rng, sizes.length, dayOf(p.year), to);
    let volumeNo = maxVolume.get(classKey(p.category.id, p.year, p.retention, p.orgCode)) ?? 0;
    const seg = { fonds, category: p.category.fullCode, year: p.year, retention: p.retention, org: p.orgCode };
    sizes.forEach((size, v) => {
      const start = starts[v]!;
      const vd = p.profile.volume!(env, { year: p.year, day: start });
      const days = sortedDays(rng, size, start, Math.min(to, start + (p.profile.span ?? 60)));
      const levels = Array.from({ length: size }, security);
      const ref: VolumeRef = {
        id: ids(),
        archiveCode: formatArchiveCode(p.category.volumeCodeTemplate, { ...seg, volume: ++volumeNo }),
        volumeNo,
        year: p.year,
        retention: p.retention,
        orgCode: p.orgCode,
        categoryId: p.category.id,
        securityLevel: Math.max(...levels),
      };
      volumes.push(
        JSON.stringify([
          ref.id,
          p.category.id,
          p.category.fullCode,
          p.year,
          p.retention,
          p.orgCode,
          volumeNo,
          ref.archiveCode,
          vd.title,
          YMD[days[0]!]!,
          YMD[days[size - 1]!]!,
          ref.securityLevel,
        ] satisfies VolumeRow),
      );
      const cls: ItemClass = {
        fonds,
        category: p.category,
        year: p.year,
        retention: p.retention,
        orgCode: p.orgCode,
        volume: ref,
      };
      for (let k = 0; k < size; k++) {
        const at: At = { year: p.year, day: days[k]! };
        item(cls, k + 1, vd.item(k, at), at.day, levels[k]!);
      }
    });
  };

  for (const p of planClasses(rng, input.scheme, fonds, input.total, today))
    (p.category.arrangement === 'volume' ? volumeClass : itemClass)(p);
  if (items.count > 0 || volumes.count > 0 || persons.count > 0) flush();
}
