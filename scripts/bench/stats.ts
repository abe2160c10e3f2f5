/** Shared by the benchmarks: progress on stderr, and latency summaries in milliseconds. */
export const log = (s: string) => process.stderr.write(s + '\n');
export const round = (n: number) => Math.round(n * 10) / 10;

/** Count, median, 95th percentile and maximum of a list of timings. */
export function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0;
  return { n: s.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(s[s.length - 1] ?? 0) };
}
