/** `dangan bundle export|import|verify`. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BundleImportResult, BundleVerifyResult } from '../../../electron/contract/sync';
import fs from 'node:fs';
import { CliError, err, out } from '../io';
import { openSession } from '../session';
import { downlinkImportCli } from './downlink';
import { passphraseOption, printJson, unlock } from './sync-common';

const USAGE = `用法:
  dangan bundle export --data 派出所目录 --out U盘目录 [--passphrase-stdin] [--json]
  dangan bundle import --data 县局目录 数据包目录 [--accept-key 指纹] [--passphrase-stdin] [--json]
  dangan bundle verify 数据包目录 --data 目录 [--passphrase-stdin] [--json]`;

export async function bundleCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      'accept-key': { type: 'string' },
      json: { type: 'boolean', default: false },
      ...passphraseOption,
    },
  });
  if (!sub || !['export', 'import', 'verify'].includes(sub)) throw new CliError(USAGE, 2);
  if (sub === 'export' ? !values.out : positionals.length !== 1) throw new CliError(USAGE, 2);
  if (sub === 'import' && isDownlink(path.resolve(positionals[0]!))) {
    // A station importing what the bureau sent: the same command, routed by the bundle's type.
    return downlinkImportCli(values.data, path.resolve(positionals[0]!), values.json);
  }
  const cli = await openSession(values.data);
  try {
    await unlock(cli, values['passphrase-stdin']);
    if (sub === 'export') {
      const stop = cli.core.ctx.events.on('job.progress', (p) => {
        if (p.kind === 'export' && !values.json) err(p.message);
      });
      try {
        const r = await cli.call('sync.bundle.export', { outDir: path.resolve(values.out!) });
        if (values.json) printJson(r);
        else {
          out(r.dir);
          err(
            `已写出第 ${r.seq} 号数据包（${r.records} 条记录，${r.files} 个文件），已从 U 盘读回校验，可以安全拔出。`,
          );
          if (r.newEpoch) err(`检测到数据库由备份恢复，已开始第 ${r.epoch} 轮次。`);
        }
      } finally {
        stop();
      }
      return 0;
    }
    const dir = path.resolve(positionals[0]!);
    if (sub === 'import') {
      const r = await cli.call('sync.bundle.import', { dir, acceptKey: values['accept-key'] });
      if (values.json) printJson(r);
      else printImport(r);
      return r.outcome === 'quarantined' ? 1 : 0;
    }
    const r = await cli.call('sync.bundle.verify', { dir });
    if (values.json) printJson(r);
    else printVerify(r);
    return r.ok ? 0 : 1;
  } finally {
    await cli.close();
  }
}

function isDownlink(dir: string): boolean {
  try {
    return /^Bundle-Type: downlink$/m.test(fs.readFileSync(path.join(dir, 'bag-info.txt'), 'utf8'));
  } catch {
    return false;
  }
}

function printImport(r: BundleImportResult): void {
  if (r.outcome === 'quarantined') {
    out(`数据包已隔离 [${r.code}]：${r.message}`);
    out(`隔离位置：${r.quarantine?.dir}`);
    return;
  }
  const c = r.counts!;
  out(
    `${r.message}：派出所 ${r.stationId} 第 ${r.seq} 号；应用 ${c.applied}，重复 ${c.duplicate}，冲突 ${c.conflict}，拒收 ${c.rejected}`,
  );
  if (r.receiptFile) out(`回执：${r.receiptFile}`);
  if (r.receiptError) out(`回执未能写到 U 盘（${r.receiptError}）；再次导入同一数据包即可重新写出`);
}

function printVerify(r: BundleVerifyResult): void {
  const mark = (ok: boolean | null) => (ok === true ? '通过' : ok === false ? '失败' : '跳过');
  out(`${r.dir}${r.seq ? `（派出所 ${r.stationId} 第 ${r.seq} 号）` : ''}`);
  if (r.bundleId) out(`Bundle-Id ${r.bundleId}`);
  const names = { integrity: '完整性', schema: '结构版本', signature: '签名', chain: '链接', decrypt: '解密' } as const;
  for (const c of r.checks) out(`  ${names[c.name]}：${mark(c.ok)}${c.code ? ` [${c.code}]` : ''} ${c.message}`);
  out(r.ok ? '校验通过' : '校验未通过');
}
