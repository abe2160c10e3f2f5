/**
 * Splits N demo items over the scheme's categories, years, retentions and 机构 codes,
 * then orders the classes by their 档号 so the archive-code indexes grow at the end.
 */
import type { CategoryView } from '../../contract/dto';
import type { Retention } from '../../contract/domain';
import { formatArchiveCode } from '../scheme';
import { dayOf, yearOfDay } from './people';
import { genericProfile, PROFILES, retentionChoices, type Profile } from './profiles';
import { Rng, Weighted } from './rng';

export const FIRST_YEAR = 1995;
export const LAST_YEAR = 2026;

export interface ClassPlan {
  category: CategoryView;
  profile: Profile;
  year: number;
  retention: Retention;
  orgCode: string;
  count: number;
  /** The class's first 档号, for ordering. */
  sortKey: string;
}

const RET_INDEX: Record<Retention, number> = { Y: 0, D30: 1, D10: 2 };
const orgIndex = (c: CatPick, org: string) => Math.max(0, c.profile.orgs?.findIndex((o) => o[0] === org) ?? 0);

interface CatPick {
  category: CategoryView;
  profile: Profile;
  retentions: Weighted<Retention>;
  orgs: Weighted<string>;
}

/** Years with weights: the archive grows over time; the current year is only partly filed. */
export function yearWeights(today: number): [number, number][] {
  const current = yearOfDay(today);
  const out: [number, number][] = [];
  for (let y = FIRST_YEAR; y <= Math.min(LAST_YEAR, current); y++) {
    let w = 1 + (y - FIRST_YEAR) * 0.05;
    if (y === current) w *= Math.max(0.02, (today - dayOf(y) + 1) / (dayOf(y + 1) - dayOf(y)));
    out.push([y, w]);
  }
  return out;
}

export function planClasses(
  rng: Rng,
  categories: CategoryView[],
  fonds: string,
  n: number,
  today: number,
): ClassPlan[] {
  const cats: CatPick[] = categories.map((category) => {
    const profile = PROFILES[category.fullCode] ?? genericProfile(category.name, category.arrangement);
    return {
      category,
      profile,
      retentions: new Weighted(retentionChoices(category.defaultRetention, category.fullCode)),
      orgs: new Weighted(category.arrangement === 'item' && profile.orgs ? profile.orgs : [['', 1]]),
    };
  });
  const catPick = new Weighted(cats.map((c, i) => [i, c.profile.weight] as const));
  const years = new Weighted(yearWeights(today));
  const counts = new Map<number, { c: number; year: number; retention: Retention; org: string; count: number }>();
  for (let i = 0; i < n; i++) {
    // Every category gets at least one item when there are enough items to go round.
    const c = i < cats.length && n >= cats.length ? i : catPick.pick(rng);
    const cat = cats[c]!;
    const year = years.pick(rng);
    const retention = cat.retentions.pick(rng);
    const org = cat.orgs.pick(rng);
    const key = ((c * 200 + year - 1900) * 4 + RET_INDEX[retention]) * 64 + orgIndex(cat, org);
    const hit = counts.get(key);
    if (hit) hit.count++;
    else counts.set(key, { c, year, retention, org, count: 1 });
  }
  const plans = [...counts.values()].map((k): ClassPlan => {
    const { category, profile } = cats[k.c]!;
    const seg = { fonds, category: category.fullCode, year: k.year, retention: k.retention, org: k.org };
    const sortKey =
      category.arrangement === 'volume'
        ? formatArchiveCode(category.volumeCodeTemplate, { ...seg, volume: 1 })
        : formatArchiveCode(category.codeTemplate, { ...seg, item: 1 });
    return { category, profile, year: k.year, retention: k.retention, orgCode: k.org, count: k.count, sortKey };
  });
  return plans.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
}

/** `count` sorted days in [from, to]: items are numbered in the order they were formed. */
export function sortedDays(rng: Rng, count: number, from: number, to: number): Int32Array {
  const days = new Int32Array(count);
  const span = Math.max(0, to - from) + 1;
  for (let i = 0; i < count; i++) days[i] = from + Math.floor(rng.next() * span);
  return days.sort();
}

/** Volume sizes of 1–30 items (most around a dozen) adding up to `count`. */
export function volumeSizes(rng: Rng, count: number): number[] {
  const sizes: number[] = [];
  let left = count;
  while (left > 0) {
    const s = Math.min(left, Math.max(1, Math.round((rng.range(1, 30) + rng.range(1, 30)) / 2 - 2)));
    sizes.push(s);
    left -= s;
  }
  return sizes;
}
