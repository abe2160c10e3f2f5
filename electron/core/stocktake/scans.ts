/**
 * Recording scans: each label is resolved (shelving's resolveLabel, the one reading of label
 * payloads), stored with where the clerk stood, and answered with its outcome line at once.
 * Several codes (a photo) go in one transaction with one audit row.
 */
import { asc, eq } from 'drizzle-orm';
import { stocktakeScans, type StocktakeScanRecord } from '../../../db/schema';
import { SCAN_OUTCOME_LABELS, type ScanLine, type ScanSource } from '../../contract/stocktake';
import { appendAudit } from '../audit';
import { type Actor, type CoreContext, defineService, inTransaction, recordChange, serviceOf } from '../kernel';
import { resolveLabel } from '../shelving';
import { classify } from './classify';
import { chainOf, chainPath, homesOf, refKey } from './homes';
import { lineOf } from './lines';
import { openStocktake } from './rows';

/**
 * Where each open stock-take stands: its last seq, the clerk's place and the records scanned so
 * far. Rebuilt from the stored scans on first use (so a restarted core resumes), then kept per
 * core: without it each scan would re-read all earlier scans (the scans table has no index on
 * the record), and 10,000 labels would slow to a crawl. Writes are serialised by the core's
 * write lock, and the cursor changes only after a scan's transaction commits.
 */
interface Cursor {
  seq: number;
  atPlaceId: string | null;
  seen: Set<string>;
}
const cursors = defineService({ name: 'stocktake.cursors', create: () => new Map<string, Cursor>() });

function cursorOf(ctx: CoreContext, stocktakeId: string): Cursor {
  const cache = serviceOf(ctx, cursors);
  let cur = cache.get(stocktakeId);
  if (!cur) {
    const rows = ctx.orm
      .select({
        seq: stocktakeScans.seq,
        atPlaceId: stocktakeScans.atPlaceId,
        entity: stocktakeScans.entity,
        entityId: stocktakeScans.entityId,
      })
      .from(stocktakeScans)
      .where(eq(stocktakeScans.stocktakeId, stocktakeId))
      .orderBy(asc(stocktakeScans.seq))
      .all();
    cur = { seq: 0, atPlaceId: null, seen: new Set() };
    for (const r of rows) {
      cur.seq = r.seq;
      cur.atPlaceId = r.atPlaceId;
      if (r.entity && r.entity !== 'place' && r.entityId) cur.seen.add(refKey(r.entity, r.entityId));
    }
    cache.set(stocktakeId, cur);
  }
  return cur;
}

/** A closed stock-take takes no more scans: its cursor is dropped. */
export const forgetCursor = (ctx: CoreContext, stocktakeId: string): boolean =>
  serviceOf(ctx, cursors).delete(stocktakeId);

export function recordScans(
  ctx: CoreContext,
  actor: Actor,
  stocktakeId: string,
  codes: string[],
  source: ScanSource,
): ScanLine[] {
  const added: string[] = [];
  let cur: Cursor | undefined;
  let seq = 0;
  let atPlaceId: string | null = null;
  const lines = inTransaction(
    ctx,
    () => {
      const st = openStocktake(ctx, stocktakeId);
      cur = cursorOf(ctx, stocktakeId);
      seq = cur.seq;
      atPlaceId = cur.atPlaceId;
      const seenAlready = cur.seen;
      // Paths by ancestor walk: a scan touches two or three places, never the whole tree.
      const chains = new Map<string, ReturnType<typeof chainOf>>();
      const chain = (id: string) => chains.get(id) ?? chains.set(id, chainOf(ctx, id)).get(id)!;
      const inRange = (id: string) => chain(id).some((p) => p.id === st.placeId);
      const pathOf = (id: string | null) => (id ? chainPath(chain(id)) : '');
      const made: ScanLine[] = [];
      for (const raw of codes) {
        const code = raw.trim();
        const hit = resolveLabel(ctx, code);
        if (hit?.kind === 'place') atPlaceId = hit.id;
        const entity = hit?.kind ?? null;
        const ref = hit && hit.kind !== 'place' ? { entity: hit.kind, id: hit.id } : null;
        const home = ref ? (homesOf(ctx, [ref]).get(refKey(ref.entity, ref.id)) ?? null) : null;
        const key = ref ? refKey(ref.entity, ref.id) : null;
        const seen = key !== null && (seenAlready.has(key) || added.includes(key));
        if (key && !seen) added.push(key);
        const verdict = classify({ code, entity, atPlaceId, home, seenBefore: seen }, inRange);
        const scan: StocktakeScanRecord = {
          id: ctx.ids(),
          stocktakeId,
          seq: ++seq,
          code,
          source,
          atPlaceId,
          entity,
          entityId: hit?.id ?? null,
          scannedBy: actor.id,
          scannedAt: ctx.nowIso(),
        };
        ctx.orm.insert(stocktakeScans).values(scan).run();
        recordChange(ctx, 'stocktake_scan', scan.id, 1, 'insert');
        made.push(lineOf({ scan, verdict, home, recordCode: hit?.code ?? null, inRange, pathOf }));
      }
      const said = made.map((l) => `${l.code}（${SCAN_OUTCOME_LABELS[l.outcome]}）`).join('、');
      appendAudit(ctx, actor, {
        action: 'stocktake.scan',
        entity: 'stocktake',
        entityId: stocktakeId,
        summary: `盘点“${st.title}”扫描 ${said}`,
        // The record ids let the audit log guard the entry by their 密级 (audit/entry-level.ts).
        details: {
          source,
          scans: made.map((l) => ({ seq: l.seq, code: l.code, outcome: l.outcome, entityId: l.entityId })),
        },
      });
      return made;
    },
    { catalogue: false },
  );
  // Committed: the cursor moves on.
  if (!cur) return lines;
  cur.seq = seq;
  cur.atPlaceId = atPlaceId;
  for (const k of added) cur.seen.add(k);
  return lines;
}
