/**
 * 密级 in a stock-take: a clerk counts every box and volume on the shelves, but a volume or item
 * above the clerk's clearance is listed without its 档号 (the label's text included), like the
 * audit log lists such entries. The report is stored whole; each reader gets it masked.
 */
import type { ReportEntity, ScanLine, StocktakeReport } from '../../contract/stocktake';
import { type CoreContext, levelsOf } from '../kernel';

export const HIDDEN_CODE = '（密级高于本账号，不显示档号）';

type Guarded = 'volume' | 'item';
const guarded = (e: ReportEntity | 'place' | null): e is Guarded => e === 'volume' || e === 'item';

function hiddenIds(ctx: CoreContext, clearance: number, refs: { entity: Guarded; id: string }[]): Set<string> {
  const out = new Set<string>();
  for (const kind of ['volume', 'item'] as const) {
    const ids = refs.filter((r) => r.entity === kind).map((r) => r.id);
    if (ids.length === 0) continue;
    for (const [id, level] of levelsOf(ctx, kind, ids)) if (level > clearance) out.add(id);
  }
  return out;
}

export function maskLines(ctx: CoreContext, clearance: number, lines: ScanLine[]): ScanLine[] {
  const refs = lines.flatMap((l) => (guarded(l.entity) && l.entityId ? [{ entity: l.entity, id: l.entityId }] : []));
  const hidden = hiddenIds(ctx, clearance, refs);
  if (hidden.size === 0) return lines;
  return lines.map((l) =>
    l.entityId && hidden.has(l.entityId)
      ? {
          ...l,
          code: HIDDEN_CODE,
          recordCode: HIDDEN_CODE,
          message: l.recordCode ? l.message.split(l.recordCode).join(HIDDEN_CODE) : l.message,
        }
      : l,
  );
}

export function maskReport(ctx: CoreContext, clearance: number, r: StocktakeReport): StocktakeReport {
  const records = [...r.found, ...r.missing, ...r.misplaced];
  const refs = [
    ...records.flatMap((x) => (guarded(x.entity) ? [{ entity: x.entity, id: x.id }] : [])),
    ...r.twice.flatMap((x) => (guarded(x.entity) ? [{ entity: x.entity, id: x.id }] : [])),
  ];
  const hidden = hiddenIds(ctx, clearance, refs);
  const hide = <T extends { id: string; code: string }>(x: T): T =>
    hidden.has(x.id) ? { ...x, code: HIDDEN_CODE } : x;
  return {
    ...r,
    found: r.found.map(hide),
    missing: r.missing.map(hide),
    misplaced: r.misplaced.map(hide),
    twice: r.twice.map(hide),
    recent: maskLines(ctx, clearance, r.recent),
  };
}
