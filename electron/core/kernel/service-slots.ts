/** Service slots bound to the core context: how domains declare and read per-core state. */
import type { CoreContext } from './context';
import type { ServiceSlot } from './services';

export type CoreServiceSlot<T> = ServiceSlot<T, CoreContext>;

export const defineService = <T>(def: CoreServiceSlot<T>): CoreServiceSlot<T> => Object.freeze({ ...def });

/** This core's value of a slot, created on first use. */
export const serviceOf = <T>(ctx: CoreContext, slot: CoreServiceSlot<T>): T => ctx.services.get(ctx, slot);
