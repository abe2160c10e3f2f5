/** Bureau: `dangan station add|revoke|list`. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { zStationAdd, zStationRevoke } from '../../../electron/contract/sync';
import { CliError, out } from '../io';
import { openSession } from '../session';
import { passphraseOption, printJson, unlock } from './sync-common';

const USAGE = `用法:
  dangan station add --data 县局目录 --station-id 编号 --name 名称 --out U盘目录 [--passphrase-stdin] [--json]
  dangan station revoke --data 县局目录 --station-id 编号 --after-seq N [--json]
  dangan station list --data 县局目录 [--json]`;

function parsed<T>(r: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } }): T {
  if (!r.success) throw new CliError(`错误 [VALIDATION_FAILED]：${r.error.issues[0]?.message ?? '参数无效'}`, 2);
  return r.data;
}

export async function stationCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      data: { type: 'string' },
      'station-id': { type: 'string' },
      name: { type: 'string' },
      out: { type: 'string' },
      'after-seq': { type: 'string' },
      json: { type: 'boolean', default: false },
      ...passphraseOption,
    },
  });
  if (!sub || !['add', 'revoke', 'list'].includes(sub)) throw new CliError(USAGE, 2);
  const cli = await openSession(values.data);
  try {
    if (sub === 'list') {
      const s = await cli.call('sync.status', {});
      if (s.role !== 'bureau') throw new CliError('错误 [SYNC_WRONG_ROLE]：此命令只能在县局使用');
      if (values.json) printJson(s.stations);
      else
        for (const st of s.stations)
          out(
            `${st.stationId}\t${st.name}\t${st.status}\t最近 ${st.lastSeq} 号\t记录 ${st.records}\t冲突 ${st.openConflicts}`,
          );
      return 0;
    }
    if (sub === 'add') {
      const input = parsed(
        zStationAdd.safeParse({
          stationId: values['station-id'],
          name: values.name,
          outDir: values.out ? path.resolve(values.out) : undefined,
        }),
      );
      await unlock(cli, values['passphrase-stdin']);
      const r = await cli.call('sync.stations.add', input);
      if (values.json) printJson(r);
      else {
        out(`已写出登记包：${r.dir}`);
        out(`县局密钥指纹：${r.bureau.hex}`);
        out(`指纹词：${r.bureau.words}`);
      }
      return 0;
    }
    const input = parsed(
      zStationRevoke.safeParse({
        stationId: values['station-id'],
        afterSeq: values['after-seq'] === undefined ? undefined : Number(values['after-seq']),
      }),
    );
    const { trustVersion: v } = await cli.call('sync.stations.revoke', input);
    out(
      values.json
        ? JSON.stringify({ trustVersion: v })
        : `已吊销派出所 ${input.stationId} 的密钥：第 ${input.afterSeq} 号之后的数据包不再接受（信任列表第 ${v} 版）`,
    );
    return 0;
  } finally {
    await cli.close();
  }
}
