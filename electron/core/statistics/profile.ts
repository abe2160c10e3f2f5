/**
 * 库房面积, equipment and staff: entered once per year (the catalogue cannot count them). A year not
 * entered yet starts from the previous year's entries, so the clerk only corrects what changed.
 */
import { desc, eq, lt } from 'drizzle-orm';
import type { z } from 'zod';
import { statisticsProfiles, type StatisticsProfileRecord } from '../../../db/schema';
import type { StatProfile, zStatProfileSet } from '../../contract/statistics';
import { appendAudit } from '../audit';
import { actorOf, type CoreContext, inTransaction, nodeIdOf, recordChange, type Session } from '../kernel';

export const profileRow = (ctx: CoreContext, year: number): StatisticsProfileRecord | undefined =>
  ctx.orm.select().from(statisticsProfiles).where(eq(statisticsProfiles.year, year)).get();

const view = (year: number, r: StatisticsProfileRecord | undefined, own: boolean): StatProfile => ({
  year,
  storageAreaM2: r?.storageAreaM2 ?? 0,
  shelfMeters: r?.shelfMeters ?? 0,
  compactShelves: r?.compactShelves ?? 0,
  cabinets: r?.cabinets ?? 0,
  airConditioners: r?.airConditioners ?? 0,
  dehumidifiers: r?.dehumidifiers ?? 0,
  computers: r?.computers ?? 0,
  scanners: r?.scanners ?? 0,
  staffFullTime: r?.staffFullTime ?? 0,
  staffPartTime: r?.staffPartTime ?? 0,
  remarks: r?.remarks ?? '',
  updatedAt: own ? (r?.updatedAt ?? null) : null,
  updatedByName: own ? (r?.updatedByName ?? null) : null,
});

export function getProfile(ctx: CoreContext, year: number): StatProfile {
  const own = profileRow(ctx, year);
  if (own) return view(year, own, true);
  const prev = ctx.orm
    .select()
    .from(statisticsProfiles)
    .where(lt(statisticsProfiles.year, year))
    .orderBy(desc(statisticsProfiles.year))
    .limit(1)
    .get();
  return view(year, prev, false);
}

export function setProfile(ctx: CoreContext, s: Session, input: z.output<typeof zStatProfileSet>): StatProfile {
  return inTransaction(
    ctx,
    () => {
      const before = profileRow(ctx, input.year);
      const actor = actorOf(s);
      const row: StatisticsProfileRecord = {
        ...input,
        nodeId: nodeIdOf(ctx),
        version: (before?.version ?? 0) + 1,
        updatedBy: s.userId,
        updatedByName: actor.name,
        updatedAt: ctx.nowIso(),
      };
      if (before) ctx.orm.update(statisticsProfiles).set(row).where(eq(statisticsProfiles.year, input.year)).run();
      else ctx.orm.insert(statisticsProfiles).values(row).run();
      recordChange(ctx, 'statistics_profile', String(input.year), row.version, before ? 'update' : 'insert');
      appendAudit(ctx, actor, {
        action: 'statistics.profile',
        entity: 'statistics_profile',
        entityId: String(input.year),
        summary: `填报${input.year}年度库房、设备与人员情况：库房${input.storageAreaM2}平方米，专职${input.staffFullTime}人`,
        details: { before: before ?? null, after: input },
      });
      return view(input.year, row, true);
    },
    { catalogue: false },
  );
}
