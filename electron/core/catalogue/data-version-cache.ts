import type { CoreContext } from '../kernel';

/**
 * A cache of values read from the catalogue, per database and key, dropped as soon as the
 * data version moves (every catalogue write and every import bumps it): counts and class
 * groups are then read once per change, not once per scroll or tree click.
 */
export function perDataVersion<K, V>(): (ctx: CoreContext, key: K, read: () => V) => V {
  const caches = new WeakMap<CoreContext, { version: number; values: Map<K, V> }>();
  return (ctx, key, read) => {
    let c = caches.get(ctx);
    if (!c || c.version !== ctx.dataVersion) caches.set(ctx, (c = { version: ctx.dataVersion, values: new Map() }));
    if (c.values.has(key)) return c.values.get(key) as V;
    const v = read();
    c.values.set(key, v);
    return v;
  };
}
