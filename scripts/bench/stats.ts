/** Shared by the benchmarks: progress on stderr, latency summaries in milliseconds, the archive set-up. */
export const log = (s: string) => process.stderr.write(s + '\n');
export const round = (n: number) => Math.round(n * 10) / 10;

/** Count, median, 95th percentile and maximum of a list of timings. */
export function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0;
  return { n: s.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(s[s.length - 1] ?? 0) };
}

/** The administrator every benchmark archive is set up with. */
export const BENCH_ADMIN = { username: 'admin', password: 'Bench-Passw0rd' };

interface Dispatcher {
  dispatch(
    method: 'setup.initialize',
    input: Record<string, string>,
  ): Promise<{ ok: true } | { ok: false; error: { message: string } }>;
}

/** Sets up an empty benchmark archive as a station with BENCH_ADMIN. */
export async function setupBenchStation(core: Dispatcher): Promise<void> {
  const setup = await core.dispatch('setup.initialize', {
    nodeRole: 'station',
    unitName: '北港县公安局城关派出所',
    fondsCode: 'J001',
    adminUsername: BENCH_ADMIN.username,
    adminDisplayName: '管理员',
    adminPassword: BENCH_ADMIN.password,
  });
  if (!setup.ok) throw new Error(`setup failed: ${setup.error.message}`);
}
