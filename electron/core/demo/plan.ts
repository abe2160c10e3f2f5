/**
 * Splits N demo items over the scheme's categories, years, retentions and 机构 codes,
 * then orders the classes by their 档号 so the archive-code indexes grow at the end.
 */
import type { CategoryView } from '../../contract/dto';
import type { Retention } from '../../contract/domain';
import { formatArchiveCode } from '../catalogue/archive-code';
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

interface CatPick {
  category: CategoryView;
  profile: Profile;
  retentions: Weighted<Retention>;
  orgs: Weighted<string>;
}

/** Years with weights: the archive grows over time; the current year is only partly filed. */
export function yearWeights(now: Date): [number, number][] {
  const last = Math.min(LAST_YEAR, now.getUTCFullYear());
  const out: [number, number][] = [];
  for (let y = FIRST_YEAR; y <= last; y++) {
    let w = 1 + (y - FIRST_YEAR) * 0.05;
    if (y === now.getUTCFullYear()) {
      const start = Date.UTC(y, 0, 1);
      w *= Math.max(0.02, (now.getTime() - start) / (Date.UTC(y + 1, 0, 1) - start));
    }
    out.push([y, w]);
  }
  return out;
}

export function planClasses(
  rng: Rng,
  categories: CategoryView[],
  fonds: string,
  n: number,
  now: Date,
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
  const years = new Weighted(yearWeights(now));
  const counts = new Map<string, { c: number; year: number; retention: Retention; org: string; count: number }>();
  for (let i = 0; i < n; i++) {
    // Every category gets at least one item when there are enough items to go round.
    const c = i < cats.length && n >= cats.length ? i : catPick.pick(rng);
    const cat = cats[c]!;
    const year = years.pick(rng);
    const retention = cat.retentions.pick(rng);
    const org = cat.orgs.pick(rng);
    const key = `${c}|${year}|${retention}|${org}`;
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
