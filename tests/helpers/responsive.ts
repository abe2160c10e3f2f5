/**
 * Runs a heavy call and, until it settles, keeps calling cheap methods (probes) one after
 * another, as other users would: how long each probe took, how many answered while the
 * heavy call was still running, and the event loop's longest stall (monitorEventLoopDelay,
 * which also sees a stall between probes, and the time the heavy call took to hand back
 * its promise: a synchronous stretch before its first await).
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface Responsiveness<T> {
  value: T;
  /** Probe answers received while the heavy call was still running. */
  overlapped: number;
  answers: number;
  slowestProbeMs: number;
  maxLoopDelayMs: number;
  heavyMs: number;
}

/**
 * A few ms between rounds of probes: a poll, not a wait for state. Without it the probes
 * spin one core flat out and slow the heavy call's workers on a small machine.
 */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

export async function whileHeavy<T>(
  heavy: () => Promise<T>,
  probes: readonly (() => Promise<unknown>)[],
): Promise<Responsiveness<T>> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  // The monitor's timer runs from the next turn on; a stall before that would go unseen.
  await pause();
  const t0 = performance.now();
  let heavyMs = -1;
  const running = heavy().finally(() => (heavyMs = performance.now() - t0));
  // What the heavy call did before handing back its promise held the thread too.
  const startMs = performance.now() - t0;
  let overlapped = 0;
  let answers = 0;
  let slowestProbeMs = 0;
  try {
    while (heavyMs < 0) {
      for (const probe of probes) {
        const at = performance.now();
        await probe();
        slowestProbeMs = Math.max(slowestProbeMs, performance.now() - at);
        answers++;
        if (heavyMs < 0) overlapped++;
      }
      await pause();
    }
    const value = await running;
    const maxLoopDelayMs = Math.max(loop.max / 1e6, startMs);
    return { value, overlapped, answers, slowestProbeMs, maxLoopDelayMs, heavyMs };
  } finally {
    loop.disable();
  }
}

/** The figures for the test log (no assertion depends on them beyond the 1 s bound). */
export const figures = (name: string, r: Responsiveness<unknown>): string =>
  `${name}: heavy ${r.heavyMs.toFixed(0)} ms, ${r.overlapped}/${r.answers} probes during it, slowest probe ${r.slowestProbeMs.toFixed(0)} ms, max loop delay ${r.maxLoopDelayMs.toFixed(0)} ms`;
