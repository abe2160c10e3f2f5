/**
 * Recording scans: each label is resolved (shelving's resolveLabel, the one reading of label
 * payloads), stored with where the clerk stood, and answered with its outcome line at once.
 * Several codes (a photo) go in one transaction with one audit row.
 */
import { and, desc, eq } from 'drizzle-orm';
import { stocktakeScans, type StocktakeScanRecord } from '../../../db/schema';
import { SCAN_OUTCOME_LABELS, type ScanLine, type ScanSource } from '../../contract/stocktake';
import { appendAudit } from '../audit';
import { type Actor, type CoreContext, inTransaction, recordChange } from '../kernel';
import { resolveLabel } from '../shelving';
import { classify } from './classify';
import { chainOf, chainPath, homesOf, refKey } from './homes';
import { lineOf } from './lines';
import { openStocktake } from './rows';

function lastScan(ctx: CoreContext, stocktakeId: string) {
  return ctx.orm
    .select({ seq: stocktakeScans.seq, atPlaceId: stocktakeScans.atPlaceId })
    .from(stocktakeScans)
    .where(eq(stocktakeScans.stocktakeId, stocktakeId))
    .orderBy(desc(stocktakeScans.seq))
    .limit(1)
    .get();
}

function seenBefore(ctx: CoreContext, stocktakeId: string, entity: string, entityId: string): boolean {
  return !!ctx.orm
    .select({ id: stocktakeScans.id })
    .from(stocktakeScans)
    .where(
      and(
        eq(stocktakeScans.stocktakeId, stocktakeId),
        eq(stocktakeScans.entityId, entityId),
        eq(stocktakeScans.entity, entity as 'box'),
      ),
    )
    .limit(1)
    .get();
}

export function recordScans(
  ctx: CoreContext,
  actor: Actor,
  stocktakeId: string,
  codes: string[],
  source: ScanSource,
): ScanLine[] {
  return inTransaction(
    ctx,
    () => {
      const st = openStocktake(ctx, stocktakeId);
      const last = lastScan(ctx, stocktakeId);
      let seq = last?.seq ?? 0;
      let atPlaceId = last?.atPlaceId ?? null;
      // Paths by ancestor walk: a scan touches two or three places, never the whole tree.
      const chains = new Map<string, ReturnType<typeof chainOf>>();
      const chain = (id: string) => chains.get(id) ?? chains.set(id, chainOf(ctx, id)).get(id)!;
      const inRange = (id: string) => chain(id).some((p) => p.id === st.placeId);
      const pathOf = (id: string | null) => (id ? chainPath(chain(id)) : '');
      const lines: ScanLine[] = [];
      for (const raw of codes) {
        const code = raw.trim();
        const hit = resolveLabel(ctx, code);
        if (hit?.kind === 'place') atPlaceId = hit.id;
        const entity = hit?.kind ?? null;
        const ref = hit && hit.kind !== 'place' ? { entity: hit.kind, id: hit.id } : null;
        const home = ref ? (homesOf(ctx, [ref]).get(refKey(ref.entity, ref.id)) ?? null) : null;
        const seen = ref ? seenBefore(ctx, stocktakeId, ref.entity, ref.id) : false;
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
        lines.push(lineOf({ scan, verdict, home, recordCode: hit?.code ?? null, inRange, pathOf }));
      }
      const said = lines.map((l) => `${l.code}（${SCAN_OUTCOME_LABELS[l.outcome]}）`).join('、');
      appendAudit(ctx, actor, {
        action: 'stocktake.scan',
        entity: 'stocktake',
        entityId: stocktakeId,
        summary: `盘点“${st.title}”扫描 ${said}`,
        details: { source, scans: lines.map((l) => ({ seq: l.seq, code: l.code, outcome: l.outcome })) },
      });
      return lines;
    },
    { catalogue: false },
  );
}
