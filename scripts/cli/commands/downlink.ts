/**
 * `dangan downlink export|import`: bureau → station bundles (scheme, form templates, the
 * station's trust-list entries). `dangan bundle import` at a station also lands here when
 * the folder is a downlink bundle.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DownlinkImportResult } from '../../../electron/contract/downlink';
import { zDownlinkExport } from '../../../electron/contract/downlink';
import { CliError, out } from '../io';
import { openSession } from '../session';
import { passphraseOption, printJson, unlock } from './sync-common';

const USAGE = `用法:
  dangan downlink export --data 县局目录 --station-id 编号 --out U盘目录 [--passphrase-stdin] [--json]
  dangan downlink import --data 派出所目录 下发包目录 [--json]`;

export async function downlinkCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      'station-id': { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      ...passphraseOption,
    },
  });
  if (sub === 'export') {
    const r0 = zDownlinkExport.safeParse({
      stationId: values['station-id'],
      outDir: values.out ? path.resolve(values.out) : undefined,
    });
    if (!r0.success)
      throw new CliError(`错误 [VALIDATION_FAILED]：${r0.error.issues[0]?.message ?? '参数无效'}\n${USAGE}`, 2);
    const cli = await openSession(values.data);
    try {
      await unlock(cli, values['passphrase-stdin']);
      const r = await cli.call('sync.downlink.export', r0.data);
      if (values.json) printJson(r);
      else {
        out(r.dir);
        out(
          `已写出给派出所 ${r.stationId} 的第 ${r.seq} 号下发包：门类 ${r.categories} 个，表单模板 ${r.templates} 个，信任列表第 ${r.trustVersion} 版；已读回校验。`,
        );
      }
      return 0;
    } finally {
      await cli.close();
    }
  }
  if (sub === 'import' && positionals.length === 1) {
    return downlinkImportCli(values.data, positionals[0]!, values.json);
  }
  throw new CliError(USAGE, 2);
}

export async function downlinkImportCli(data: string | undefined, dir: string, json: boolean): Promise<number> {
  const cli = await openSession(data);
  try {
    const r = await cli.call('sync.downlink.import', { dir: path.resolve(dir) });
    if (json) printJson(r);
    else printDownlink(r);
    return 0;
  } finally {
    await cli.close();
  }
}

function printDownlink(r: DownlinkImportResult): void {
  const c = r.counts;
  out(
    `${r.message}（县局第 ${r.seq} 号）：新增 ${c.created}，更新 ${c.updated}，未变 ${c.unchanged}，未采用 ${c.skipped}；信任列表第 ${r.trustVersion} 版`,
  );
  for (const x of r.changes) {
    if (x.outcome === 'unchanged') continue;
    const what = x.kind === 'category' ? '门类' : '表单模板';
    const verb = { created: '新增', updated: '更新', skipped: '未采用', unchanged: '' }[x.outcome];
    out(`  ${verb} ${what} ${x.key} ${x.name}${x.note ? `：${x.note}` : ''}`);
  }
  if (r.rotated) out('县局已信任本所的新签名密钥，已启用。');
}
