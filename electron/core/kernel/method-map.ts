/**
 * Builds one method map (the core's handlers) from the maps of each domain. A plain object
 * spread lets a later map silently replace an earlier one's method; this refuses, at
 * start-up, naming the method and both maps that define it.
 */

/** `{ a: A; b: B }` → `A & B`: the merged map keeps every part's method types. */
type Merged<P> = (P[keyof P] extends infer U ? (U extends unknown ? (part: U) => void : never) : never) extends (
  part: infer I,
) => void
  ? I
  : never;

export class DuplicateMethodError extends Error {
  constructor(
    readonly method: string,
    readonly first: string,
    readonly second: string,
  ) {
    super(`duplicate method "${method}": defined by both "${first}" and "${second}"`);
    this.name = 'DuplicateMethodError';
  }
}

/** Merges named maps in order; throws DuplicateMethodError when two define the same method. */
export function mergeMethodMaps<P extends Record<string, object>>(parts: P): Merged<P> {
  const out: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const [part, map] of Object.entries(parts)) {
    for (const [method, fn] of Object.entries(map)) {
      const first = owner.get(method);
      if (first !== undefined) throw new DuplicateMethodError(method, first, part);
      owner.set(method, part);
      out[method] = fn;
    }
  }
  return out as Merged<P>;
}
