/** Station: `dangan enroll`, `dangan receipt import`; either: `dangan sync status`. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, out } from '../io';
import { openSession } from '../session';
import { passphraseOption, printJson, unlock } from './sync-common';

export async function enrollCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { data: { type: 'string' }, json: { type: 'boolean', default: false }, ...passphraseOption },
  });
  if (positionals.length !== 1)
    throw new CliError('用法：dangan enroll --data 派出所目录 登记包目录 [--passphrase-stdin] [--json]', 2);
  const cli = await openSession(values.data);
  try {
    await unlock(cli, values['passphrase-stdin']);
    const r = await cli.call('sync.enroll', { dir: path.resolve(positionals[0]!) });
    if (values.json) printJson(r);
    else {
      out(`已登记：本所编号 ${r.stationId}（${r.stationName}），县局 ${r.bureauUnit}`);
      out(`县局密钥指纹：${r.bureau.hex}\n  指纹词：${r.bureau.words}`);
      out(`本所密钥指纹（请县局操作员核对）：${r.own.hex}\n  指纹词：${r.own.words}`);
    }
    return 0;
  } finally {
    await cli.close();
  }
}

export async function receiptCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { data: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (sub !== 'import' || positionals.length !== 1)
    throw new CliError('用法：dangan receipt import --data 派出所目录 回执文件 [--json]', 2);
  const cli = await openSession(values.data);
  try {
    const r = await cli.call('sync.receipt.import', { file: path.resolve(positionals[0]!) });
    if (values.json) printJson(r);
    else if (r.status === 'foreign') out(`回执对应的数据包不是本数据库写出的：数据库可能由备份恢复，已开始新轮次`);
    else
      out(
        `${r.status === 'already' ? '该回执已导入过' : '已导入回执'}（第 ${r.seq} 号）：已上报 ${r.counts.applied + r.counts.duplicate}，冲突 ${r.counts.conflict}，被拒 ${r.counts.rejected}；已确认至变更 ${r.ackedThrough}`,
      );
    return 0;
  } finally {
    await cli.close();
  }
}

export async function syncCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { data: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (sub !== 'status') throw new CliError('用法：dangan sync status --data 目录 [--json]', 2);
  const cli = await openSession(values.data, { writes: false });
  try {
    const s = await cli.call('sync.status', {});
    if (values.json) printJson(s);
    else if (s.role === 'station') {
      out(s.enrolled ? `派出所 ${s.stationId}，第 ${s.epoch} 轮次` : '尚未向县局登记');
      out(`待上报：${s.pendingRecords} 条记录，${s.pendingFiles} 个文件；已确认至变更 ${s.ackedThrough}`);
      out(`已上报 ${s.outbox.reported}，冲突 ${s.outbox.conflict}，被拒 ${s.outbox.rejected}`);
      for (const p of s.problems)
        out(`  ${p.status === 'conflict' ? '冲突' : '被拒'} ${p.entity} ${p.id} v${p.version}：${p.reason ?? ''}`);
    } else {
      out(`县局，信任列表第 ${s.trustVersion} 版；隔离区 ${s.quarantine.length} 个数据包`);
      for (const st of s.stations)
        out(
          `  ${st.stationId} ${st.name}：最近第 ${st.lastSeq} 号，记录 ${st.records}，待处理冲突 ${st.openConflicts}`,
        );
    }
    return 0;
  } finally {
    await cli.close();
  }
}
