/**
 * One place decides whether a caller may touch the records a method's input names: the
 * contract declares the fields (contract/targets.ts, beside each method's permission),
 * dispatch calls `assertTargets` after the permission check and before the handler. A
 * record that does not exist and one above the caller's 密级 get the same NOT_FOUND with
 * the same message and details, so an id cannot be probed. The level of each record is
 * decided by kernel/security-level.ts (an item in a volume: the higher of the two).
 */
import { TARGET_NOT_FOUND, type Targets } from '../contract/targets';
import { AppError, levelsOf, type CoreContext } from './kernel';

/** The ids a field of the parsed input names: a string, an array of strings, or none. */
function idsAt(input: unknown, path: string): string[] {
  let v: unknown = input;
  for (const key of path.split('.'))
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/**
 * Refuses the call unless every record the input names exists and is within `clearance`.
 * One NOT_FOUND for both failures: same code and message, no details.
 */
export function assertTargets(ctx: CoreContext, clearance: number, targets: Targets<unknown>, input: unknown): void {
  for (const [path, declared] of Object.entries(targets)) {
    const ids = idsAt(input, path);
    if (ids.length === 0) continue;
    const kind = typeof declared === 'function' ? declared(input) : declared;
    const levels = levelsOf(ctx, kind, ids);
    if (ids.some((id) => (levels.get(id) ?? Infinity) > clearance)) {
      // No details (not even the field): which of the named records failed is itself a hint.
      throw new AppError('NOT_FOUND', TARGET_NOT_FOUND[kind]);
    }
  }
}
