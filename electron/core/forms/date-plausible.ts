/**
 * A date read from a paper in the archive lies between 1900 and next year (a 有效期至
 * may run a few months ahead; nothing on paper is dated decades on). A year outside that
 * is a misread digit — 2112 for 2012 when a seal or a fold hides part of the 0. It is
 * corrected when exactly one single-digit change of the year gives a plausible date;
 * otherwise the clerk is asked.
 */
import { isValidYmd } from '../catalogue';

export const EARLIEST_YEAR = 1900;

export type Plausible = { ok: true; value: string; fixedFrom: string | null } | { ok: false; issue: string };

/** `ymd` is a valid YYYYMMDD; `thisYear` the current year. */
export function plausibleDate(ymd: string, thisYear: number): Plausible {
  const latest = thisYear + 1;
  const fits = (s: string) => {
    const y = Number(s.slice(0, 4));
    return y >= EARLIEST_YEAR && y <= latest && isValidYmd(s);
  };
  if (fits(ymd)) return { ok: true, value: ymd, fixedFrom: null };
  const found = new Set<string>();
  for (let i = 0; i < 4; i++)
    for (const c of '0123456789') {
      const cand = ymd.slice(0, i) + c + ymd.slice(i + 1);
      if (cand !== ymd && fits(cand)) found.add(cand);
    }
  if (found.size === 1) return { ok: true, value: [...found][0]!, fixedFrom: ymd };
  const why = `年份${ymd.slice(0, 4)}不在${EARLIEST_YEAR}至${latest}年之间`;
  return { ok: false, issue: found.size > 1 ? `${why}；有${found.size}种单位更正，请人工核对` : why };
}
