import { describe, expect, it } from 'vitest';
import { clockStartingAt, processClock, systemClock } from '../../electron/core/kernel/clock';

describe('process clock', () => {
  it('starts at DANGAN_CLOCK_START and runs on in step with the real clock', () => {
    let real = 1_000_000;
    const clock = clockStartingAt(Date.parse('2025-12-04T09:00:00Z'), () => real);
    expect(clock.now().toISOString()).toBe('2025-12-04T09:00:00.000Z');
    real += 90_000;
    expect(clock.now().toISOString()).toBe('2025-12-04T09:01:30.000Z');
  });

  it('is the system clock unless the variable holds a time', () => {
    expect(processClock({})).toBe(systemClock);
    expect(processClock({ DANGAN_CLOCK_START: 'not a time' })).toBe(systemClock);
    const year = processClock({ DANGAN_CLOCK_START: '2019-03-02T00:00:00Z' }).now().getUTCFullYear();
    expect(year).toBe(2019);
  });
});
