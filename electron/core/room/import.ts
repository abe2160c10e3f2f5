/**
 * `env.readings.import`: a logger's CSV into one room, all or nothing. Any bad row refuses
 * the whole file (READINGS_CSV_INVALID, the rows with their line numbers in `details`);
 * rows at a minute the room already has are the same reading imported before and are
 * left out, so importing the same file twice adds nothing.
 */
import { and, between, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { roomReadings } from '../../../db/schema';
import type { ReadingImportError, ReadingImportResult, zReadingImport } from '../../contract/room';
import { appendAudit } from '../audit';
import { AppError, type Actor, type CoreContext, inTransaction, nodeIdOf, recordChange } from '../kernel';
import { parseReadingsCsv } from './csv';
import { readingView } from './readings';
import { roomRow } from './rooms';

/** The first errors are sent back; a file with thousands of bad rows says how many more. */
const MAX_REPORTED_ERRORS = 200;

export function importReadings(
  ctx: CoreContext,
  actor: Actor,
  recordedBy: string,
  input: z.output<typeof zReadingImport>,
): ReadingImportResult {
  const room = roomRow(ctx, input.roomId);
  const parsed = parseReadingsCsv(Buffer.from(input.base64, 'base64'));
  const errors: ReadingImportError[] = [...parsed.errors];
  const seen = new Map<string, number>();
  for (const r of parsed.readings) {
    const first = seen.get(r.takenAt);
    if (first !== undefined) errors.push({ line: r.line, message: `时间 ${r.takenAt} 与第 ${first} 行重复` });
    else seen.set(r.takenAt, r.line);
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    const more =
      errors.length > MAX_REPORTED_ERRORS ? `（共 ${errors.length} 行有错，只列出前 ${MAX_REPORTED_ERRORS} 行）` : '';
    throw new AppError(
      'READINGS_CSV_INVALID',
      `${input.fileName}：${errors.length} 行有错误，未导入任何读数${more}`,
      errors.slice(0, MAX_REPORTED_ERRORS),
    );
  }
  const times = [...seen.keys()].sort();
  const first = times[0] ?? null;
  const last = times.at(-1) ?? null;
  const existing = new Set(
    first && last
      ? ctx.orm
          .select({ t: roomReadings.takenAt })
          .from(roomReadings)
          .where(and(eq(roomReadings.roomId, room.id), between(roomReadings.takenAt, first, last)))
          .all()
          .map((r) => r.t)
      : [],
  );
  const fresh = parsed.readings.filter((r) => !existing.has(r.takenAt));
  const now = ctx.nowIso();
  const nodeId = nodeIdOf(ctx);
  let outOfRange = 0;
  if (fresh.length > 0) {
    inTransaction(
      ctx,
      () => {
        const insert = ctx.orm
          .insert(roomReadings)
          .values({
            id: sql.placeholder('id'),
            nodeId,
            roomId: room.id,
            takenAt: sql.placeholder('takenAt'),
            temperature: sql.placeholder('temperature'),
            humidity: sql.placeholder('humidity'),
            recordedBy,
            source: 'csv',
            createdAt: now,
            updatedAt: now,
          })
          .prepare();
        for (const r of fresh) {
          const id = ctx.ids();
          insert.run({ id, takenAt: r.takenAt, temperature: r.temperature, humidity: r.humidity });
          recordChange(ctx, 'room_reading', id, 1, 'insert');
          const view = readingView(
            {
              ...r,
              id,
              nodeId,
              version: 1,
              roomId: room.id,
              recordedBy,
              source: 'csv',
              action: '',
              createdAt: now,
              updatedAt: now,
            },
            room,
          );
          if (view.outOfRange) outOfRange++;
        }
        appendAudit(ctx, actor, {
          action: 'room.reading.import',
          entity: 'room',
          entityId: room.id,
          summary: `${room.name} 导入温湿度 ${fresh.length} 条（${first} 至 ${last}，超出范围 ${outOfRange} 条）`,
          details: { file: input.fileName, encoding: parsed.encoding, imported: fresh.length, skipped: existing.size },
        });
      },
      { catalogue: false },
    );
  }
  return {
    imported: fresh.length,
    skipped: parsed.readings.length - fresh.length,
    outOfRange,
    encoding: parsed.encoding,
    first,
    last,
  };
}
