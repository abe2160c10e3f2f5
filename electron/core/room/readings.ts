/** Temperature and humidity readings: one typed in, listed over a period, an action written. */
import { and, asc, between, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { roomReadings } from '../../../db/schema';
import type {
  RangeSide,
  ReadingDay,
  ReadingLog,
  ReadingView,
  zReadingAction,
  zReadingAdd,
  zReadingList,
} from '../../contract/room';
import { appendAudit } from '../audit';
import { AppError, type Actor, type CoreContext, inTransaction, nodeIdOf, recordChange } from '../kernel';
import { type RoomRow, roomRow, roomView } from './rooms';

export type ReadingRow = typeof roomReadings.$inferSelect;
type Range = Pick<RoomRow, 'tempMin' | 'tempMax' | 'humidityMin' | 'humidityMax'>;

const side = (v: number, min: number, max: number): RangeSide => (v < min ? 'low' : v > max ? 'high' : null);

export function readingView(r: ReadingRow, room: Range): ReadingView {
  const temperatureSide = side(r.temperature, room.tempMin, room.tempMax);
  const humiditySide = side(r.humidity, room.humidityMin, room.humidityMax);
  return {
    id: r.id,
    roomId: r.roomId,
    takenAt: r.takenAt,
    temperature: r.temperature,
    humidity: r.humidity,
    recordedBy: r.recordedBy,
    source: r.source,
    action: r.action,
    temperatureSide,
    humiditySide,
    outOfRange: temperatureSide !== null || humiditySide !== null,
  };
}

/** '22.5 °C / 55 %RH（超标）': how a reading reads in the audit log. */
export const readingText = (r: { temperature: number; humidity: number }, room: Range): string =>
  `${r.temperature} °C / ${r.humidity} %RH` +
  (side(r.temperature, room.tempMin, room.tempMax) || side(r.humidity, room.humidityMin, room.humidityMax)
    ? '（超出范围）'
    : '');

export function addReading(
  ctx: CoreContext,
  actor: Actor,
  recordedBy: string,
  input: z.output<typeof zReadingAdd>,
): ReadingView {
  const room = roomRow(ctx, input.roomId);
  const now = ctx.nowIso();
  const row: ReadingRow = {
    id: ctx.ids(),
    nodeId: nodeIdOf(ctx),
    version: 1,
    roomId: room.id,
    takenAt: input.takenAt,
    temperature: input.temperature,
    humidity: input.humidity,
    recordedBy,
    source: 'keyboard',
    action: input.action,
    createdAt: now,
    updatedAt: now,
  };
  inTransaction(
    ctx,
    () => {
      ctx.orm.insert(roomReadings).values(row).run();
      recordChange(ctx, 'room_reading', row.id, 1, 'insert');
      appendAudit(ctx, actor, {
        action: 'room.reading.add',
        entity: 'room_reading',
        entityId: row.id,
        summary: `${room.name} ${row.takenAt} ${readingText(row, room)}`,
        details: { room: room.code, takenAt: row.takenAt, temperature: row.temperature, humidity: row.humidity },
      });
    },
    { catalogue: false },
  );
  return readingView(row, room);
}

export function setReadingAction(ctx: CoreContext, actor: Actor, input: z.output<typeof zReadingAction>): ReadingView {
  const cur = ctx.orm.select().from(roomReadings).where(eq(roomReadings.id, input.id)).get();
  if (!cur) throw new AppError('NOT_FOUND', '读数不存在');
  const room = roomRow(ctx, cur.roomId);
  const now = ctx.nowIso();
  inTransaction(
    ctx,
    () => {
      ctx.orm
        .update(roomReadings)
        .set({ action: input.action, version: sql`${roomReadings.version} + 1`, updatedAt: now })
        .where(eq(roomReadings.id, cur.id))
        .run();
      recordChange(ctx, 'room_reading', cur.id, cur.version + 1, 'update');
      appendAudit(ctx, actor, {
        action: 'room.reading.action',
        entity: 'room_reading',
        entityId: cur.id,
        summary: `${room.name} ${cur.takenAt} ${readingText(cur, room)}：${input.action}`,
        details: { before: cur.action, after: input.action },
      });
    },
    { catalogue: false },
  );
  return readingView({ ...cur, action: input.action, version: cur.version + 1, updatedAt: now }, room);
}

/** 'YYYY-MM-DD' of a Date in this machine's time zone (the room's wall clock). */
export const localDay = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Every day from `from` to `to` inclusive (dates as UTC midnights, so no daylight-saving gaps). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** At least two readings a day (reference §12); a day with fewer is flagged 缺测. */
export const READINGS_PER_DAY = 2;

export function listReadings(ctx: CoreContext, input: z.output<typeof zReadingList>): ReadingLog {
  const room = roomRow(ctx, input.roomId);
  const rows = ctx.orm
    .select()
    .from(roomReadings)
    .where(
      and(eq(roomReadings.roomId, room.id), between(roomReadings.takenAt, `${input.from} 00:00`, `${input.to} 23:59`)),
    )
    .orderBy(asc(roomReadings.takenAt), asc(roomReadings.id))
    .all();
  const readings = rows.map((r) => readingView(r, room));
  const perDay = new Map<string, ReadingDay>();
  for (const r of readings) {
    const date = r.takenAt.slice(0, 10);
    const day = perDay.get(date) ?? { date, count: 0, outOfRange: 0 };
    day.count++;
    if (r.outOfRange) day.outOfRange++;
    perDay.set(date, day);
  }
  // Days still to come are not missing yet; today is, until its second reading.
  const today = localDay(ctx.clock.now());
  const last = input.to < today ? input.to : today;
  const days = daysBetween(input.from, input.to).map((date) => perDay.get(date) ?? { date, count: 0, outOfRange: 0 });
  const out = readings.filter((r) => r.outOfRange);
  return {
    room: roomView(room),
    from: input.from,
    to: input.to,
    readings,
    total: readings.length,
    outOfRange: out.length,
    withoutAction: out.filter((r) => r.action === '').length,
    days,
    thinDays: days.filter((d) => d.date <= last && d.count < READINGS_PER_DAY).map((d) => d.date),
  };
}
