/**
 * How a contract method is declared: its input schema, its output type (phantom), the permission
 * it needs, whether it writes, and the records it names. Shared by every file of methods, so each
 * declares its methods the same way.
 */
import { z } from 'zod';
import type { Permission } from './permissions';
import type { Targets } from './targets';

export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom marker for the output type; never read at run time. */
  output: O;
  /** 'public' needs no session; otherwise the permission the session must hold. */
  access: 'public' | 'session' | Permission;
  /**
   * Mutating methods are serialised behind the core's write lock. `'audit'` marks a long
   * read whose only write is its own audit entry (an export): dispatch runs it beside other
   * reads, and the handler takes the write lock just for that entry, so a big export never
   * holds up a clerk's save. Not taken on trust: tests/integration/method-writes.test.ts
   * calls every method and fails when a read writes or a write leaves no audit row.
   */
  mutates: boolean | 'audit';
  /** The records the input names, checked against the caller's clearance by dispatch (targets.ts). */
  targets?: Targets<z.output<I>>;
}

/** `m<Output>()(inputSchema, access, mutates, targets)`: curried so the input type is inferred. */
export const m =
  <O>() =>
  <I extends z.ZodType>(
    input: I,
    access: MethodSpec<I, O>['access'],
    mutates: MethodSpec<I, O>['mutates'] = false,
    targets?: MethodSpec<I, O>['targets'],
  ): MethodSpec<I, O> => ({
    input,
    output: undefined as unknown as O,
    access,
    mutates,
    ...(targets ? { targets } : {}),
  });

/** The input of a method that takes none. */
export const empty = z.object({}).default({});
