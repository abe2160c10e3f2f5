/** Records for the demo's lending history: random live ones by rowid, each lent once in the history. */
import { eq, sql } from 'drizzle-orm';
import { itemPersons, items, persons, volumes } from '../../../db/schema';
import type { CoreContext } from '../kernel';
import type { Rng } from './rng';

export interface Picked {
  entity: 'item' | 'volume';
  id: string;
  archiveCode: string;
  title: string;
  securityLevel: number;
  categoryCode: string;
}

/** Random live records by rowid (a million-item demo is not scanned), each lent once in the history. */
export class Picker {
  private readonly used = new Set<string>();
  private readonly range: Record<'item' | 'volume', { lo: number; hi: number }>;

  constructor(
    private readonly ctx: CoreContext,
    private readonly rng: Rng,
  ) {
    const span = (t: typeof items | typeof volumes) => {
      const r = ctx.orm
        .select({ lo: sql<number | null>`min(${t}.rowid)`, hi: sql<number | null>`max(${t}.rowid)` })
        .from(t)
        .get();
      return { lo: r?.lo ?? 0, hi: r?.hi ?? -1 };
    };
    this.range = { item: span(items), volume: span(volumes) };
  }

  pick(maxLevel: number, inHouse: readonly string[]): Picked | null {
    for (let k = 0; k < 8; k++) {
      const entity = this.range.volume.hi > 0 && this.rng.chance(0.3) ? 'volume' : 'item';
      const { lo, hi } = this.range[entity];
      if (hi < lo) continue;
      const rowid = this.rng.range(lo, hi);
      const r =
        entity === 'item'
          ? this.ctx.orm
              .select({
                id: items.id,
                archiveCode: items.archiveCode,
                title: items.title,
                securityLevel: items.accessLevel,
                categoryCode: items.categoryCode,
                deletedAt: items.deletedAt,
              })
              .from(items)
              .where(sql`${items}.rowid = ${rowid}`)
              .get()
          : this.ctx.orm
              .select({
                id: volumes.id,
                archiveCode: volumes.archiveCode,
                title: volumes.title,
                securityLevel: volumes.securityLevel,
                categoryCode: volumes.categoryCode,
                deletedAt: volumes.deletedAt,
              })
              .from(volumes)
              .where(sql`${volumes}.rowid = ${rowid}`)
              .get();
      if (!r || r.deletedAt || r.securityLevel > maxLevel || inHouse.includes(r.categoryCode)) continue;
      if (this.used.has(r.id)) continue;
      this.used.add(r.id);
      return {
        entity,
        id: r.id,
        archiveCode: r.archiveCode,
        title: r.title,
        securityLevel: r.securityLevel,
        categoryCode: r.categoryCode,
      };
    }
    return null;
  }

  /** A person the item names (a citizen asking for their own record). */
  personOf(p: Picked) {
    if (p.entity !== 'item') return undefined;
    return this.ctx.orm
      .select({ name: persons.name, idNumber: persons.idNumber })
      .from(itemPersons)
      .innerJoin(persons, eq(persons.id, itemPersons.personId))
      .where(eq(itemPersons.itemId, p.id))
      .get();
  }
}
