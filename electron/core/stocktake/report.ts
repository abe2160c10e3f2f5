/**
 * The report of a stock-take, rebuilt from its stored scans (so an interrupted count resumes
 * exactly where it stopped): found in place, missing, misplaced, unknown, scanned twice. Once
 * accepted or cancelled, the report frozen in `summary` is returned instead.
 */
import { asc, eq } from 'drizzle-orm';
import { stocktakeScans } from '../../../db/schema';
import type { ReportEntity, ReportRecord, ScanLine, StocktakeReport } from '../../contract/stocktake';
import type { CoreContext } from '../kernel';
import { holdingsUnder, loadPlaceTree, placePath, subtreeIds } from '../shelving';
import { type Classified, classify, unknownReason } from './classify';
import { codesOf, contentCounts, homesOf, type Ref, refKey } from './homes';
import { lineOf } from './lines';
import { stocktakeRow, stocktakeView } from './rows';

const RECENT = 200;

export function buildReport(ctx: CoreContext, id: string): StocktakeReport {
  const st = stocktakeRow(ctx, id);
  if (st.status !== 'open') {
    const frozen = JSON.parse(st.summary) as StocktakeReport;
    return { ...frozen, stocktake: stocktakeView(ctx, st) };
  }
  return liveReport(ctx, id);
}

export function liveReport(ctx: CoreContext, id: string): StocktakeReport {
  const st = stocktakeRow(ctx, id);
  const tree = loadPlaceTree(ctx);
  const range = new Set(subtreeIds(tree, st.placeId));
  const inRange = (p: string) => range.has(p);
  const paths = new Map<string, string>();
  const pathOf = (p: string | null) => {
    if (!p) return '';
    let v = paths.get(p);
    if (v === undefined) paths.set(p, (v = placePath(tree, p)));
    return v;
  };
  const expected = holdingsUnder(ctx, tree, st.placeId);
  const scans = ctx.orm
    .select()
    .from(stocktakeScans)
    .where(eq(stocktakeScans.stocktakeId, id))
    .orderBy(asc(stocktakeScans.seq))
    .all();

  const scannedRefs: Ref[] = [];
  for (const s of scans)
    if (s.entity && s.entity !== 'place' && s.entityId) scannedRefs.push({ entity: s.entity, id: s.entityId });
  const refs = [...scannedRefs, ...expected.map((h) => ({ entity: h.entity, id: h.entityId }))];
  const homes = homesOf(ctx, scannedRefs);
  const codes = codesOf(ctx, refs);

  const seen = new Map<string, { times: number; verdict: Classified; atPlaceId: string | null }>();
  const unknown = new Map<string, number>();
  const verdicts: Classified[] = [];
  for (const s of scans) {
    const key = s.entity && s.entity !== 'place' && s.entityId ? refKey(s.entity, s.entityId) : null;
    const prior = key ? seen.get(key) : undefined;
    const home = key ? (homes.get(key) ?? null) : null;
    const verdict = classify(
      { code: s.code, entity: s.entity, atPlaceId: s.atPlaceId, home, seenBefore: !!prior },
      inRange,
    );
    verdicts.push(verdict);
    if (prior) prior.times++;
    else if (key) seen.set(key, { times: 1, verdict, atPlaceId: s.atPlaceId });
    if (verdict.outcome === 'unknown') unknown.set(s.code, (unknown.get(s.code) ?? 0) + 1);
  }

  const record = (entity: ReportEntity, rid: string, foundPlaceId: string | null, movable = false): ReportRecord => {
    const home = homes.get(refKey(entity, rid)) ?? null;
    const expectedPlaceId = home?.placeId ?? null;
    return {
      entity,
      id: rid,
      code: codes.get(refKey(entity, rid)) ?? rid,
      expectedPlaceId,
      expectedPath: expectedPlaceId ? pathOf(expectedPlaceId) : null,
      foundPlaceId,
      foundPath: foundPlaceId ? pathOf(foundPlaceId) : null,
      contents: 0,
      movable,
    };
  };
  const found: ReportRecord[] = [];
  const misplaced: ReportRecord[] = [];
  for (const [key, v] of seen) {
    const [entity, rid] = key.split(':') as [ReportEntity, string];
    if (v.verdict.outcome === 'found') found.push(record(entity, rid, v.atPlaceId ?? homes.get(key)?.placeId ?? null));
    else misplaced.push(record(entity, rid, v.atPlaceId, v.verdict.movable));
  }
  const missing: ReportRecord[] = [];
  for (const h of expected)
    if (!seen.has(refKey(h.entity, h.entityId)))
      missing.push({
        entity: h.entity,
        id: h.entityId,
        code: codes.get(refKey(h.entity, h.entityId)) ?? h.entityId,
        expectedPlaceId: h.placeId,
        expectedPath: pathOf(h.placeId),
        foundPlaceId: null,
        foundPath: null,
        contents: 0,
        movable: false,
      });
  // Items and volumes inside a box count as found with it.
  const boxIds = [...found, ...misplaced].filter((r) => r.entity === 'box').map((r) => r.id);
  const held = contentCounts(ctx, [...boxIds, ...missing.filter((r) => r.entity === 'box').map((r) => r.id)]);
  for (const r of [...found, ...misplaced, ...missing]) if (r.entity === 'box') r.contents = held.get(r.id) ?? 0;

  const twice = [...seen.entries()]
    .filter(([, v]) => v.times > 1)
    .map(([key, v]) => {
      const [entity, rid] = key.split(':') as [ReportEntity, string];
      return { id: rid, code: codes.get(key) ?? rid, entity, times: v.times };
    });
  const recent: ScanLine[] = [];
  for (let i = scans.length - 1; i >= 0 && recent.length < RECENT; i--) {
    const s = scans[i]!;
    const key = s.entity && s.entity !== 'place' && s.entityId ? refKey(s.entity, s.entityId) : null;
    const home = key ? (homes.get(key) ?? null) : null;
    const recordCode = key ? (codes.get(key) ?? null) : s.entityId ? (tree.byId.get(s.entityId)?.code ?? null) : null;
    recent.push(lineOf({ scan: s, verdict: verdicts[i]!, home, recordCode, inRange, pathOf }));
  }
  const atPlaceId = scans.at(-1)?.atPlaceId ?? null;
  // Plain code-unit order: stable, and ten times faster than localeCompare on 10,000 rows.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const byPath = (a: ReportRecord, b: ReportRecord) =>
    cmp(a.expectedPath ?? '', b.expectedPath ?? '') || cmp(a.code, b.code);
  return {
    stocktake: stocktakeView(ctx, st),
    counts: {
      expected: expected.length,
      found: found.length,
      missing: missing.length,
      misplaced: misplaced.length,
      unknown: [...unknown.values()].reduce((a, b) => a + b, 0),
      twice: twice.reduce((a, t) => a + t.times - 1, 0),
      contentsFound: [...found, ...misplaced].reduce((a, r) => a + r.contents, 0),
      scans: scans.length,
    },
    found: found.sort(byPath),
    missing: missing.sort(byPath),
    misplaced,
    unknown: [...unknown.entries()].map(([code, times]) => ({ code, reason: unknownReason(code), times })),
    twice,
    recent,
    atPlaceId,
    atPath: atPlaceId ? pathOf(atPlaceId) : null,
    moved: 0,
  };
}
