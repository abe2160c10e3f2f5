import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DB_FILE } from '../../../electron/core/app';
import { resolveDataDir } from '../data-dir';
import { CliError, err, out } from '../io';
import { demoReadingsCsv, localDay } from '../../../electron/core/room';
import { openSession, type CliSession } from '../session';

/**
 * `dangan demo`: appends a realistic demo catalogue to a set-up archive (`demo.generate`,
 * then `search.rebuild`, as the command's account); progress goes to stderr.
 */
export async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    allowNegative: true,
    options: {
      data: { type: 'string' },
      items: { type: 'string' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      'ocr-text': { type: 'boolean', default: false },
      // On unless --no-workflows: the issue 19 history, so every screen has data.
      workflows: { type: 'boolean', default: true },
    },
  });
  const items = Number(values.items);
  if (!values.items || !Number.isInteger(items) || items < 1 || items > 10_000_000)
    throw new CliError(
      '用法：dangan demo --data DIR --items N [--seed S] [--ocr-text] [--no-workflows] [--json]（N 为 1 到 10000000 的整数）',
      2,
    );
  const dir = resolveDataDir(values.data);
  if (!fs.existsSync(path.join(dir, DB_FILE)))
    throw new CliError(`数据目录 ${dir} 中还没有档案库：请先运行 dangan setup 完成首次设置`);
  const cli = await openSession(dir);
  try {
    // The handler sends one progress event per percent.
    const stop = cli.core.ctx.events.on('job.progress', ({ kind, done, total }) => {
      if (kind !== 'demo') return;
      const pct = Math.floor((done / Math.max(1, total)) * 100);
      err(`演示数据：${done.toLocaleString('zh-CN')} / ${total.toLocaleString('zh-CN')} 件（${pct}%）`);
    });
    // The room first: the demo's 库房 links to it when the boxes are shelved.
    const room = await demoRoomLog(cli);
    let r;
    try {
      r = await cli.call('demo.generate', {
        items,
        seed: values.seed,
        ocrText: values['ocr-text'],
        workflows: values.workflows,
      });
    } finally {
      stop();
    }
    // The search index is derived data: rebuilt after the load, timed on its own.
    const index = await cli.call('search.rebuild', {});
    out(
      values.json
        ? JSON.stringify({ ...r, searchIndex: index, roomReadings: room })
        : `已生成演示数据：${r.items} 件、${r.volumes} 卷、${r.persons} 人${r.pages ? `、${r.pages} 页文字（${r.textChars} 字）` : ''}，装盒 ${r.shelves.boxes} 个、上架库位 ${r.shelves.places} 个，借阅申请 ${r.lending.requests} 份（借出未还 ${r.lending.out + r.lending.overdue} 份，其中逾期 ${r.lending.overdue} 份）${values.workflows ? `，鉴定 ${r.appraisal.decisions} 件（销毁 ${r.appraisal.destroyed} 件）、开放鉴定 ${r.opening.reviews} 件、密级变更 ${r.opening.securityChanges} 件、整理批次 ${r.arrangement.batches} 个（已验收 ${r.arrangement.accepted} 个）` : ''}，用时 ${r.seconds} 秒（每秒 ${r.itemsPerSecond} 件）；检索索引重建 ${index.seconds} 秒；库房 ${room.room} 一年温湿度 ${room.imported} 条（超出范围 ${room.outOfRange} 条）`,
    );
    return 0;
  } finally {
    await cli.close();
  }
}

/**
 * A year of temperature and humidity readings (two a day, up to yesterday) for the demo
 * room 一号库房 (KF01), made once: run again, the same readings are skipped by the import.
 */
async function demoRoomLog(cli: CliSession): Promise<{ room: string; imported: number; outOfRange: number }> {
  const rooms = await cli.call('env.rooms.list', {});
  const room =
    rooms.find((r) => r.code === 'KF01') ?? (await cli.call('env.rooms.save', { code: 'KF01', name: '一号库房' }));
  const yesterday = localDay(new Date(cli.core.ctx.clock.now().getTime() - 86_400_000));
  const { csv } = demoReadingsCsv(yesterday);
  const base64 = Buffer.from(csv).toString('base64');
  const r = await cli.call('env.readings.import', { roomId: room.id, fileName: '演示温湿度.csv', base64 });
  return { room: room.code, imported: r.imported, outOfRange: r.outOfRange };
}
