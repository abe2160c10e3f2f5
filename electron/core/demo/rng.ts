/** A small seeded PRNG (mulberry32) and weighted pickers: the demo is reproducible per seed. */

/** FNV-1a of the seed text, so `--seed 7` and `--seed 北港` both work. */
export function seedOf(seed: string | number): number {
  const s = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private a: number;

  constructor(seed: string | number) {
    this.a = seedOf(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) | 0;
    let t = Math.imul(this.a ^ (this.a >>> 15), 1 | this.a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }

  /** A skewed pick: early entries are much more likely (for "popular" vocabulary). */
  pickSkewed<T>(list: readonly T[]): T {
    const r = this.next();
    return list[Math.floor(r * r * list.length)]!;
  }
}

/** Picks by weight with a cumulative table and a binary search. */
export class Weighted<T> {
  private readonly values: T[];
  private readonly cum: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.values = entries.map((e) => e[0]);
    this.cum = new Float64Array(entries.length);
    let t = 0;
    entries.forEach((e, i) => (this.cum[i] = t += e[1]));
    this.total = t;
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo]!;
  }
}

/** Zipf-like weights for a list ordered from most to least common. */
export const zipf = <T>(list: readonly T[], s = 0.9): [T, number][] => list.map((v, i) => [v, 1 / (i + 1) ** s]);
