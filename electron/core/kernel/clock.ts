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
