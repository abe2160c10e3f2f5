const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A typed YYYY-MM-DD as the instant its local day starts (or, for the upper bound, ends),
 * so the filter agrees with the local times the table shows. Null if it is no real date.
 */
export function dayBound(text: string, end: boolean): string | null {
  const m = DAY.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const start = new Date(y, mo, d);
  if (start.getFullYear() !== y || start.getMonth() !== mo || start.getDate() !== d) return null;
  return end ? new Date(new Date(y, mo, d + 1).getTime() - 1).toISOString() : start.toISOString();
}
