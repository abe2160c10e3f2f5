export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move by hand (idle logout, lockout expiry). */
export class ManualClock implements Clock {
  constructor(private t: number = Date.UTC(2026, 0, 5, 8, 0, 0)) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/**
 * A clock that starts at a given instant and runs in real time from there. A served app
 * under test (or a training copy) lives on a fixed calendar day while its timers, idle
 * logouts and job timeouts still move as they would.
 */
export function clockStartingAt(startMs: number, real: () => number = Date.now): Clock {
  const offset = startMs - real();
  return { now: () => new Date(real() + offset) };
}

/**
 * The clock for a process: the system clock, or, when DANGAN_CLOCK_START holds an ISO
 * time, one that starts there. Tests set it so that nothing they check depends on the
 * day they run.
 */
export function processClock(env: NodeJS.ProcessEnv = process.env): Clock {
  const start = env.DANGAN_CLOCK_START ? Date.parse(env.DANGAN_CLOCK_START) : NaN;
  return Number.isFinite(start) ? clockStartingAt(start) : systemClock;
}

/**
 * A stored ISO time as the station's wall clock shows it, 'YYYY-MM-DD HH:MM' (local time): what
 * messages, screens and printed registers show a clerk. Stored times stay UTC.
 */
export function localMinute(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
