/**
 * The indicators' weights (set by the administrator) and the snapshot a station records when it
 * writes a bundle: the bureau ranks on the station's own counts, because the room log, the audit
 * chain and the loans' due dates are not all mirrored there. At most one snapshot a local day, so a
 * clerk re-writing a bundle does not send a new one each time (the ranking moves by days anyway).
 */
import { desc } from 'drizzle-orm';
import type { z } from 'zod';
import { statisticsIndicatorSnapshots } from '../../../db/schema';
import type { IndicatorReport, zIndicatorWeights } from '../../contract/indicators';
import { appendAudit } from '../audit';
import {
  type Actor,
  actorOf,
  AppError,
  type CoreContext,
  getMeta,
  inTransaction,
  nodeIdOf,
  recordChange,
  type Session,
  setMeta,
} from '../kernel';
import { localDay } from '../room';
import { indicators, WEIGHTS_META, weightsOf } from './indicators';

export function setWeights(ctx: CoreContext, s: Session, input: z.output<typeof zIndicatorWeights>): IndicatorReport {
  inTransaction(
    ctx,
    () => {
      const before = weightsOf(ctx);
      const after = { ...before, ...input.weights };
      if (Object.values(after).every((w) => w === 0))
        throw new AppError('STATISTICS_WEIGHTS_ZERO', '考核指标的权重不能全部为0');
      setMeta(ctx, WEIGHTS_META, JSON.stringify(after));
      recordChange(ctx, 'meta', WEIGHTS_META, 1, 'update');
      appendAudit(ctx, actorOf(s), {
        action: 'statistics.weights',
        entity: 'statistics_indicators',
        entityId: WEIGHTS_META,
        summary: `设置考核指标权重：${Object.entries(input.weights)
          .map(([k, w]) => `${k} ${w}`)
          .join('，')}`,
        details: { before, after },
      });
    },
    { catalogue: false },
  );
  return indicators(ctx);
}

/** At export (station): records today's indicators unless today's are recorded already. */
export function snapshotForExport(ctx: CoreContext, actor: Actor): void {
  if (getMeta(ctx, 'node_role') !== 'station') return;
  const t = statisticsIndicatorSnapshots;
  const last = ctx.orm.select({ at: t.computedAt }).from(t).orderBy(desc(t.computedAt)).limit(1).get();
  const now = ctx.nowIso();
  if (last && localDay(new Date(last.at)) === localDay(new Date(now))) return;
  inTransaction(
    ctx,
    () => {
      const r = indicators(ctx, now);
      const id = ctx.ids();
      ctx.orm
        .insert(t)
        .values({
          id,
          nodeId: nodeIdOf(ctx),
          computedAt: r.asOf,
          indicators: JSON.stringify(r.indicators),
          total: r.total,
        })
        .run();
      recordChange(ctx, 'statistics_indicator_snapshot', id, 1, 'insert');
      appendAudit(ctx, actor, {
        action: 'statistics.snapshot',
        entity: 'statistics_indicators',
        entityId: id,
        summary: `计算考核指标（总分 ${r.total}）随数据包上报`,
        details: { total: r.total },
      });
    },
    { catalogue: false },
  );
}
