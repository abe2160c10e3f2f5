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

/**
 * A date cell that Excel stored as a plain number (its day serial, 1900 system) comes
 * through as e.g. "40607"; turn it into YYYYMMDD. Eight-digit numbers are already YYYYMMDD.
 */
export function excelSerialDate(s: string): string {
  if (!/^\d{5}$/.test(s.trim())) return s; // 4 digits is a year, 8 is YYYYMMDD
  const serial = Number(s);

  const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}
