/**
 * `dangan env import`: a logging hygrometer's CSV into a room's log, through
 * `env.readings.import` as the window's import does. The file is read bounded (a regular
 * file of at most 8 MB); any bad row refuses the whole file, listed with line numbers.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_READINGS_CSV_BYTES, type ReadingImportError, type RoomView } from '../../../electron/contract/room';
import { BoundedFileError, readBoundedFile } from '../../../electron/core/kernel';
import { CliError, out } from '../io';
import { errorLine, openSession, type CliSession } from '../session';

const USAGE = [
  '用法: dangan env import --data DIR --file 温湿度.csv [--room 库房编号] [--json]',
  '  CSV 须有“时间”（或“日期”和“时间”）、“温度”和“湿度”列；UTF-8 或 GBK 均可。',
  '  只有一个库房时可省略 --room。',
].join('\n');

export async function envCommand(args: string[]): Promise<number> {
  const [what, ...rest] = args;
  if (what !== 'import') throw new CliError(USAGE, 2);
  const { values } = parseArgs({
    args: rest,
    options: {
      data: { type: 'string' },
      file: { type: 'string' },
      room: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.file) throw new CliError(USAGE, 2);
  let bytes: Buffer;
  try {
    bytes = readBoundedFile(path.resolve(values.file), MAX_READINGS_CSV_BYTES);
  } catch (e) {
    if (e instanceof BoundedFileError)
      throw new CliError(
        e.reason === 'too-big' ? `文件过大（最多 8 MB），请拆分后分批导入：${values.file}` : e.message,
      );
    throw e;
  }
  const cli = await openSession(values.data);
  try {
    const room = await pickRoom(cli, values.room);
    const fileName = path.basename(values.file);
    const r = await cli.tryCall('env.readings.import', { roomId: room.id, fileName, base64: bytes.toString('base64') });
    if (!r.ok) {
      const rows = r.error.code === 'READINGS_CSV_INVALID' ? (r.error.details as ReadingImportError[]) : [];
      if (values.json) out(JSON.stringify({ ok: false, code: r.error.code, message: r.error.message, errors: rows }));
      else if (rows.length === 0) throw new CliError(errorLine(r.error));
      else {
        out(r.error.message);
        for (const e of rows) out(e.line > 0 ? `  第${e.line}行  ${e.message}` : `  ${e.message}`);
      }
      return 1;
    }
    const v = r.value;
    if (values.json) out(JSON.stringify({ ok: true, room: room.code, ...v }));
    else
      out(
        `${room.name}（${room.code}）：已导入 ${v.imported} 条读数` +
          (v.first ? `（${v.first} 至 ${v.last}）` : '') +
          `，超出范围 ${v.outOfRange} 条` +
          (v.skipped ? `；${v.skipped} 条此前已导入，跳过` : '') +
          `；文件编码 ${v.encoding.toUpperCase()}`,
      );
    return 0;
  } finally {
    await cli.close();
  }
}

async function pickRoom(cli: CliSession, code: string | undefined): Promise<RoomView> {
  const rooms = await cli.call('env.rooms.list', {});
  if (code) {
    const room = rooms.find((r) => r.code.toLowerCase() === code.toLowerCase());
    if (!room) throw new CliError(`没有编号为 ${code} 的库房（已有：${rooms.map((r) => r.code).join('、') || '无'}）`);
    return room;
  }
  if (rooms.length === 1) return rooms[0]!;
  throw new CliError(
    rooms.length === 0
      ? '还没有库房：请先在“库房环境”中新增库房'
      : `有多个库房，请用 --room 指定：${rooms.map((r) => r.code).join('、')}`,
    2,
  );
}
