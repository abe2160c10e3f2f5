/** YYYYMMDD, a real calendar date (the 归档文件目录 date convention). */
export function isValidYmd(s: string): boolean {
  if (!/^\d{8}$/.test(s)) return false;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(4, 6));
  const d = Number(s.slice(6, 8));
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Accepts the spellings found in legacy sheets: 2011-03-05, 2011/3/5, 2011.03.05, 2011年3月5日, 20110305. */
export function normalizeDate(raw: string): string | null {
  const s = raw.trim();
  if (!s) return '';
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  const ymd = m ? `${m[1]}${m[2]!.padStart(2, '0')}${m[3]!.padStart(2, '0')}` : s;
  return isValidYmd(ymd) ? ymd : null;
}
