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
  private readonly byRowid: ReturnType<Picker['prepare']>;
  private readonly named;

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
    this.byRowid = this.prepare();
    this.named = ctx.orm
      .select({ name: persons.name, idNumber: persons.idNumber })
      .from(itemPersons)
      .innerJoin(persons, eq(persons.id, itemPersons.personId))
      .where(eq(itemPersons.itemId, sql.placeholder('id')))
      .limit(1)
      .prepare();
  }

  /** A record by rowid, prepared once per table (a query built per pick cost more than the read). */
  private prepare() {
    const rowid = sql.placeholder('rowid');
    const of = (t: typeof items | typeof volumes, level: typeof items.accessLevel | typeof volumes.securityLevel) =>
      this.ctx.orm
        .select({
          id: t.id,
          archiveCode: t.archiveCode,
          title: t.title,
          securityLevel: level,
          categoryCode: t.categoryCode,
          deletedAt: t.deletedAt,
        })
        .from(t)
        .where(sql`${t}.rowid = ${rowid}`)
        .prepare();
    return { item: of(items, items.accessLevel), volume: of(volumes, volumes.securityLevel) };
  }

  pick(maxLevel: number, inHouse: readonly string[]): Picked | null {
    for (let k = 0; k < 8; k++) {
      const entity = this.range.volume.hi > 0 && this.rng.chance(0.3) ? 'volume' : 'item';
      const { lo, hi } = this.range[entity];
      if (hi < lo) continue;
      const r = this.byRowid[entity].get({ rowid: this.rng.range(lo, hi) });
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
    return p.entity === 'item' ? this.named.get({ id: p.id }) : undefined;
  }
}
