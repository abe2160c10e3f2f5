/** 九防 checks: a dated check of a room with its findings, each followed up until closed. */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { roomChecks, roomFindings } from '../../../db/schema';
import {
  NINE_GUARD_LABELS,
  type CheckList,
  type CheckView,
  type FindingView,
  type zCheckCreate,
  type zCheckList,
  type zFindingClose,
} from '../../contract/room';
import { appendAudit } from '../audit';
import { AppError, type Actor, type CoreContext, inTransaction, nodeIdOf, recordChange } from '../kernel';
import { roomRow } from './rooms';

type CheckRow = typeof roomChecks.$inferSelect;
type FindingRow = typeof roomFindings.$inferSelect;

const findingView = (f: FindingRow): FindingView => ({
  id: f.id,
  checkId: f.checkId,
  guard: f.guard,
  finding: f.finding,
  followUp: f.followUp,
  closedAt: f.closedAt,
  closedBy: f.closedBy,
  version: f.version,
});

const checkView = (c: CheckRow, findings: FindingRow[]): CheckView => ({
  id: c.id,
  roomId: c.roomId,
  checkDate: c.checkDate,
  checkedBy: c.checkedBy,
  note: c.note,
  findings: findings.filter((f) => f.checkId === c.id).map(findingView),
});

export function createCheck(
  ctx: CoreContext,
  actor: Actor,
  checkedBy: string,
  input: z.output<typeof zCheckCreate>,
): CheckView {
  const room = roomRow(ctx, input.roomId);
  const now = ctx.nowIso();
  const nodeId = nodeIdOf(ctx);
  const check: CheckRow = {
    id: ctx.ids(),
    nodeId,
    version: 1,
    roomId: room.id,
    checkDate: input.checkDate,
    checkedBy,
    note: input.note,
    createdAt: now,
    updatedAt: now,
  };
  const findings: FindingRow[] = input.findings.map((f) => ({
    id: ctx.ids(),
    nodeId,
    version: 1,
    checkId: check.id,
    guard: f.guard,
    finding: f.finding,
    followUp: '',
    closedAt: null,
    closedBy: null,
    createdAt: now,
    updatedAt: now,
  }));
  inTransaction(
    ctx,
    () => {
      ctx.orm.insert(roomChecks).values(check).run();
      recordChange(ctx, 'room_check', check.id, 1, 'insert');
      for (const f of findings) {
        ctx.orm.insert(roomFindings).values(f).run();
        recordChange(ctx, 'room_finding', f.id, 1, 'insert');
      }
      const listed = findings.map((f) => `${NINE_GUARD_LABELS[f.guard]}：${f.finding}`).join('；');
      appendAudit(ctx, actor, {
        action: 'room.check.create',
        entity: 'room_check',
        entityId: check.id,
        summary: `${room.name} ${input.checkDate} 九防检查，${findings.length ? `发现问题 ${findings.length} 项（${listed}）` : '九项均正常'}`,
        details: { room: room.code, checkDate: input.checkDate, findings: input.findings, note: input.note },
      });
    },
    { catalogue: false },
  );
  return checkView(check, findings);
}

export function listChecks(ctx: CoreContext, input: z.output<typeof zCheckList>): CheckList {
  const room = roomRow(ctx, input.roomId);
  const checks = ctx.orm
    .select()
    .from(roomChecks)
    .where(eq(roomChecks.roomId, room.id))
    .orderBy(desc(roomChecks.checkDate), desc(roomChecks.createdAt))
    .limit(input.limit)
    .all();
  const findings = checks.length
    ? ctx.orm
        .select()
        .from(roomFindings)
        .where(
          inArray(
            roomFindings.checkId,
            checks.map((c) => c.id),
          ),
        )
        .all()
    : [];
  // Open findings of any age: an old check's unsolved problem stays on the list.
  const open = ctx.orm
    .select({ f: roomFindings, checkDate: roomChecks.checkDate })
    .from(roomFindings)
    .innerJoin(roomChecks, eq(roomChecks.id, roomFindings.checkId))
    .where(and(eq(roomChecks.roomId, room.id), isNull(roomFindings.closedAt)))
    .orderBy(roomChecks.checkDate)
    .all()
    .map(({ f, checkDate }) => ({ ...findingView(f), checkDate }));
  return { checks: checks.map((c) => checkView(c, findings)), open };
}

export function closeFinding(
  ctx: CoreContext,
  actor: Actor,
  closedBy: string,
  input: z.output<typeof zFindingClose>,
): FindingView {
  const cur = ctx.orm.select().from(roomFindings).where(eq(roomFindings.id, input.id)).get();
  if (!cur) throw new AppError('NOT_FOUND', '九防问题不存在');
  if (cur.closedAt)
    throw new AppError('FINDING_CLOSED', `该问题已于 ${cur.closedAt.slice(0, 10)} 由 ${cur.closedBy} 整改销号`);
  const check = ctx.orm.select().from(roomChecks).where(eq(roomChecks.id, cur.checkId)).get()!;
  const room = roomRow(ctx, check.roomId);
  const now = ctx.nowIso();
  inTransaction(
    ctx,
    () => {
      ctx.orm
        .update(roomFindings)
        .set({
          followUp: input.followUp,
          closedAt: now,
          closedBy,
          version: sql`${roomFindings.version} + 1`,
          updatedAt: now,
        })
        .where(eq(roomFindings.id, cur.id))
        .run();
      recordChange(ctx, 'room_finding', cur.id, cur.version + 1, 'update');
      appendAudit(ctx, actor, {
        action: 'room.finding.close',
        entity: 'room_finding',
        entityId: cur.id,
        summary: `${room.name} ${check.checkDate} ${NINE_GUARD_LABELS[cur.guard]}：${cur.finding} → ${input.followUp}`,
        details: { followUp: input.followUp },
      });
    },
    { catalogue: false },
  );
  return findingView({ ...cur, followUp: input.followUp, closedAt: now, closedBy, version: cur.version + 1 });
}
