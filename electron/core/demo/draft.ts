/** Shared shapes and helpers of the demo category profiles. */
import type { People } from './people';
import { YMD } from './people';
import type { Rng } from './rng';
import * as V from './vocab';

export interface Draft {
  title: string;
  author: string;
  docNumber: string;
  pageCount: number | null;
  extra: Record<string, string>;
  /** Indexes into the person pool, in order. */
  persons: number[];
}

export interface Env {
  rng: Rng;
  people: People;
  /** The station (unit name from setup) and its 文号 abbreviation. */
  unit: string;
  unitAbbr: string;
  officers: string[];
  /** Next number in a per-year series (文号, 事故编号 …). */
  next(series: string, year: number): number;
}

/** When a record was formed: its year and day index (see people.ts). */
export interface At {
  year: number;
  day: number;
}

export interface VolumeDraft {
  title: string;
  item(k: number, at: At): Draft;
}

export interface Profile {
  /** Share of the archive, in %. */
  weight: number;
  orgs?: [string, number][];
  /** Days a volume's items spread over. */
  span?: number;
  item?(env: Env, at: At): Draft;
  volume?(env: Env, at: At): VolumeDraft;
}

export const YEAR = 365;
export const cn = (day: number) => {
  const s = YMD[day]!;
  return `${s.slice(0, 4)}年${Number(s.slice(4, 6))}月${Number(s.slice(6))}日`;
};
/** Someone aged minAge–maxAge years at `at`. */
export const aged = (e: Env, at: At, minAge: number, maxAge: number, reuse = 0.3, local = true) =>
  e.people.get(Math.max(0, at.day - maxAge * YEAR), Math.max(0, at.day - minAge * YEAR), reuse, local);
export const draft = (
  title: string,
  author: string,
  pages: number | null,
  extra: Record<string, string> = {},
): Draft => ({
  title,
  author,
  docNumber: '',
  pageCount: pages,
  extra,
  persons: [],
});
export const address = (r: Rng) =>
  r.chance(0.7)
    ? `${V.COUNTY}${r.pick(V.TOWNS)}${r.pickSkewed(V.ROADS)}${r.range(1, 300)}号`
    : `${V.COUNTY}${r.pick(V.TOWNS)}${r.pick(V.VILLAGES)}${r.range(1, 12)}组${r.range(1, 80)}号`;
