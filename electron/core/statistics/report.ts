/**
 * The annual report (统计年报) and its closing. An open year is counted live. A closed year answers
 * with the figures as the station head signed them, plus the corrections: each figure whose live
 * recount differs from the frozen value, with the records of its kind changed since closing (the
 * change log after the closing's position) — what the clerk reports to the bureau as 更正.
 * `annualReport` is the one function a printer (PDF, .xlsx: next slice) and the CLI use.
 */
import { and, eq, gt, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import {
  changeLog,
  items,
  loanRecords,
  statisticsClosures,
  volumes,
  type StatisticsClosureRecord,
} from '../../../db/schema';
import type { AnnualReport, StatCorrection, StatDrillRow, StatFigure, zStatClose } from '../../contract/statistics';
import { appendAudit } from '../audit';
import {
  actorOf,
  AppError,
  type CoreContext,
  fondsCodeOf,
  getMeta,
  inTransaction,
  lastChangeSeq,
  nodeIdOf,
  recordChange,
  type Session,
} from '../kernel';
import { sign } from '../signature';
import { sourceOf, visibleRows } from './drill';
import { liveFigures } from './figures';
import { yearBounds } from './sets';

const MAX_CHANGED = 200;
const closureOf = (ctx: CoreContext, year: number): StatisticsClosureRecord | undefined =>
  ctx.orm.select().from(statisticsClosures).where(eq(statisticsClosures.year, year)).get();

/** A record changed since closing, looked up for the corrections list (null above clearance). */
function changedRecord(ctx: CoreContext, clearance: number, entity: string, id: string): StatDrillRow | null {
  if (entity === 'item') {
    const r = ctx.orm.select().from(items).where(eq(items.id, id)).get();
    return r && r.accessLevel <= clearance ? { id, entity, archiveCode: r.archiveCode, title: r.title } : null;
  }
  if (entity === 'volume') {
    const r = ctx.orm.select().from(volumes).where(eq(volumes.id, id)).get();
    return r && r.securityLevel <= clearance ? { id, entity, archiveCode: r.archiveCode, title: r.title } : null;
  }
  if (entity === 'loan_record') {
    const r = ctx.orm.select().from(loanRecords).where(eq(loanRecords.id, id)).get();
    return r && r.securityLevel <= clearance ? { id, entity, archiveCode: r.archiveCode, title: r.title } : null;
  }
  return null;
}

function corrections(ctx: CoreContext, s: Session, c: StatisticsClosureRecord, live: StatFigure[]): StatCorrection[] {
  const frozen: StatFigure[] = JSON.parse(c.figures);
  const liveBy = new Map(live.map((f) => [f.key, f]));
  const frozenKeys = new Set(frozen.map((f) => f.key));
  const pairs = [
    ...frozen.map((f) => ({ f, frozen: f.value, live: liveBy.get(f.key)?.value ?? 0 })),
    ...live.filter((f) => !frozenKeys.has(f.key)).map((f) => ({ f, frozen: 0, live: f.value })),
  ].filter((p) => p.frozen !== p.live);
  if (!pairs.length) return [];
  const since = ctx.orm
    .select({ entity: changeLog.entity, entityId: changeLog.entityId })
    .from(changeLog)
    .where(and(gt(changeLog.seq, c.changeSeq), inArray(changeLog.entity, ['item', 'volume', 'loan_record', 'page'])))
    .all();
  const changedIds = new Set(since.map((r) => `${r.entity}:${r.entityId}`));
  return pairs.map(({ f, frozen: fv, live: lv }) => {
    const src = f.drillable ? sourceOf(f.key) : null;
    const changed: StatDrillRow[] = [];
    if (src) {
      const rows = visibleRows(ctx, s.clearance, c.year, src);
      changed.push(...rows.filter((r) => changedIds.has(`${r.entity}:${r.id}`)));
      // A record that left the figure is no longer in its rows: list the changed ones of its kind.
      if (lv < fv) {
        const inRows = new Set(rows.map((r) => r.id));
        for (const ch of since)
          if (ch.entity === src.entity && !inRows.has(ch.entityId)) {
            const r = changedRecord(ctx, s.clearance, ch.entity, ch.entityId);
            if (r && !changed.some((x) => x.id === r.id)) changed.push(r);
          }
      }
    }
    return { key: f.key, label: f.label, frozen: fv, live: lv, changed: changed.slice(0, MAX_CHANGED) };
  });
}

/** The report of a year: live when open; frozen figures and corrections when closed. */
export function annualReport(
  ctx: CoreContext,
  s: Session,
  year: number,
  live: ReturnType<typeof liveFigures> = liveFigures(ctx, year),
): AnnualReport {
  const c = closureOf(ctx, year);
  return {
    year,
    unitName: getMeta(ctx, 'unit_name') ?? '',
    fondsCode: fondsCodeOf(ctx),
    asOf: yearBounds(year).end,
    figures: c ? JSON.parse(c.figures) : live.figures,
    gaps: live.gaps,
    closed: c
      ? {
          closedAt: c.closedAt,
          closedByName: c.closedByName,
          comment: c.comment,
          contentHash: c.contentHash,
          signatureId: c.signatureId,
        }
      : null,
    corrections: c ? corrections(ctx, s, c, live.figures) : [],
  };
}

/** 关账: the station head signs the year's figures (password now); they are kept as signed. */
export function closeYear(ctx: CoreContext, s: Session, input: z.output<typeof zStatClose>): AnnualReport {
  // The figures just signed are the live ones: the report answered reuses them (no second count).
  let live: ReturnType<typeof liveFigures> | null = null;
  inTransaction(
    ctx,
    () => {
      const done = closureOf(ctx, input.year);
      if (done)
        throw new AppError(
          'STATISTICS_YEAR_CLOSED',
          `${input.year}年度统计已于${done.closedAt.slice(0, 10)}由${done.closedByName}关账，不能再次关账；之后的变动列为更正`,
        );
      if (ctx.nowIso() < yearBounds(input.year).end)
        throw new AppError('STATISTICS_YEAR_NOT_OVER', `${input.year}年度尚未结束，不能关账`);
      const changeSeq = lastChangeSeq(ctx);
      live = liveFigures(ctx, input.year);
      const { figures } = live;
      const id = ctx.ids();
      const content = { year: input.year, figures, comment: input.comment };
      const sig = sign(ctx, s, {
        kind: 'statistics.close',
        entity: 'statistics_closure',
        entityId: id,
        content,
        password: input.password,
      });
      ctx.orm
        .insert(statisticsClosures)
        .values({
          id,
          nodeId: nodeIdOf(ctx),
          year: input.year,
          figures: JSON.stringify(figures),
          contentHash: sig.contentHash,
          changeSeq,
          comment: input.comment,
          signatureId: sig.id,
          closedBy: s.userId,
          closedByName: sig.signerName,
          closedAt: sig.signedAt,
        })
        .run();
      recordChange(ctx, 'statistics_closure', id, 1, 'insert');
      appendAudit(ctx, actorOf(s), {
        action: 'statistics.close',
        entity: 'statistics_closure',
        entityId: id,
        summary: `${input.year}年度统计年报关账（${figures.length}项数字）${input.comment ? `：${input.comment}` : ''}`,
        details: { year: input.year, contentHash: sig.contentHash },
      });
    },
    { catalogue: false },
  );
  return annualReport(ctx, s, input.year, live ?? undefined);
}
