/** Rooms (库房) and their ranges: list, create, update. */
import { asc, eq, sql } from 'drizzle-orm';
import { rooms } from '../../../db/schema';
import type { RoomView } from '../../contract/room';
import type { z } from 'zod';
import type { zRoomSave } from '../../contract/room';
import { appendAudit } from '../audit';
import { AppError, type Actor, type CoreContext, inTransaction, nodeIdOf, recordChange } from '../kernel';

export type RoomRow = typeof rooms.$inferSelect;

export const roomView = (r: RoomRow): RoomView => ({
  id: r.id,
  code: r.code,
  name: r.name,
  tempMin: r.tempMin,
  tempMax: r.tempMax,
  humidityMin: r.humidityMin,
  humidityMax: r.humidityMax,
  version: r.version,
});

export const listRooms = (ctx: CoreContext): RoomView[] =>
  ctx.orm.select().from(rooms).orderBy(asc(rooms.code)).all().map(roomView);

/** The room a reading or check names; NOT_FOUND in Chinese when it does not exist. */
export function roomRow(ctx: CoreContext, id: string): RoomRow {
  const row = ctx.orm.select().from(rooms).where(eq(rooms.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', '库房不存在');
  return row;
}

export function roomByCode(ctx: CoreContext, code: string): RoomRow | undefined {
  return ctx.orm.select().from(rooms).where(eq(rooms.code, code)).get();
}

const rangeText = (r: Pick<RoomRow, 'tempMin' | 'tempMax' | 'humidityMin' | 'humidityMax'>) =>
  `${r.tempMin}–${r.tempMax} °C，${r.humidityMin}–${r.humidityMax} %RH`;

export function saveRoom(ctx: CoreContext, actor: Actor, input: z.output<typeof zRoomSave>): RoomView {
  const { id, expectedVersion, ...cols } = input;
  const clash = roomByCode(ctx, cols.code);
  if (clash && clash.id !== id)
    throw new AppError('DUPLICATE_ROOM_CODE', `库房编号 ${cols.code} 已用于“${clash.name}”`);
  const now = ctx.nowIso();
  return inTransaction(
    ctx,
    () => {
      if (!id) {
        const newId = ctx.ids();
        ctx.orm
          .insert(rooms)
          .values({ ...cols, id: newId, nodeId: nodeIdOf(ctx), version: 1, createdAt: now, updatedAt: now })
          .run();
        recordChange(ctx, 'room', newId, 1, 'insert');
        appendAudit(ctx, actor, {
          action: 'room.create',
          entity: 'room',
          entityId: newId,
          summary: `新增库房 ${cols.code} ${cols.name}（${rangeText(cols)}）`,
          details: cols,
        });
        return roomView(roomRow(ctx, newId));
      }
      const cur = roomRow(ctx, id);
      if (expectedVersion !== undefined && expectedVersion !== cur.version) throw new AppError('VERSION_CONFLICT');
      ctx.orm
        .update(rooms)
        .set({ ...cols, version: sql`${rooms.version} + 1`, updatedAt: now })
        .where(eq(rooms.id, id))
        .run();
      recordChange(ctx, 'room', id, cur.version + 1, 'update');
      appendAudit(ctx, actor, {
        action: 'room.update',
        entity: 'room',
        entityId: id,
        summary: `修改库房 ${cols.code} ${cols.name}（${rangeText(cols)}）`,
        details: { before: roomView(cur), after: cols },
      });
      return roomView(roomRow(ctx, id));
    },
    { catalogue: false },
  );
}
