import { type CoreContext, defineService, serviceOf } from '../kernel';

/**
 * A cache of values read from the catalogue, per database and key, dropped as soon as the
 * data version moves (every catalogue write and every import bumps it): counts and class
 * groups are then read once per change, not once per scroll or tree click.
 */
export function perDataVersion<K, V>(): (ctx: CoreContext, key: K, read: () => V) => V {
  // Each cache is a slot of its own: one per core, no module-level map keyed by the context.
  const slot = defineService({
    name: 'catalogue.dataVersionCache',
    create: () => ({ version: -1, values: new Map<K, V>() }),
  });
  return (ctx, key, read) => {
    const c = serviceOf(ctx, slot);
    if (c.version !== ctx.dataVersion) {
      c.version = ctx.dataVersion;
      c.values.clear();
    }
    if (c.values.has(key)) return c.values.get(key) as V;
    const v = read();
    c.values.set(key, v);
    return v;
  };
}
