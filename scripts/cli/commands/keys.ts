/** `dangan keys init|public|rotate|export-identity`. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, out } from '../io';
import { openSession } from '../session';
import { passphraseOption, printJson, unlock } from './sync-common';

const USAGE = `用法:
  dangan keys init --data DIR [--passphrase-stdin]
  dangan keys public --data DIR [--pem] [--json]
  dangan keys rotate --data DIR [--passphrase-stdin]
  dangan keys export-identity --data DIR --out FILE [--passphrase-stdin]   （仅管理员；县局）
密钥口令：--passphrase-stdin 从标准输入读取，否则取环境变量 DANGAN_KEY_PASSPHRASE。`;

export async function keysCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      pem: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      ...passphraseOption,
    },
  });
  if (!sub || !['init', 'public', 'rotate', 'export-identity'].includes(sub)) throw new CliError(USAGE, 2);
  const cli = await openSession(values.data);
  try {
    if (sub === 'public') {
      const k = await cli.call('sync.keys.get', {});
      if (!k.sign) throw new CliError('错误 [KEYS_MISSING]：本机尚未生成同步密钥（dangan keys init）');
      if (values.pem) out(k.sign.publicPem.trimEnd());
      else if (values.json) printJson(k);
      else {
        out(`签名密钥指纹：${k.sign.hex}`);
        out(`指纹词：${k.sign.words}`);
        if (k.ageRecipient) out(`加密接收方（age）：${k.ageRecipient}`);
      }
      return 0;
    }
    await unlock(cli, values['passphrase-stdin']);
    if (sub === 'init') {
      const k = await cli.call('sync.keys.init', {});
      if (values.json) printJson(k);
      else out(`本机签名密钥指纹：${k.sign!.hex}\n指纹词：${k.sign!.words}`);
      return 0;
    }
    if (sub === 'rotate') {
      const next = (await cli.call('sync.keys.rotate', {})).next!.fingerprint;
      out(values.json ? JSON.stringify({ next }) : `新签名密钥 ${next}：将在下一个数据包中宣告，收到县局回执后启用`);
      return 0;
    }
    if (!values.out) throw new CliError(USAGE, 2);
    const r = await cli.call('sync.keys.exportIdentity', { outFile: path.resolve(values.out) });
    out(
      values.json
        ? JSON.stringify(r)
        : `已写出县局解密身份：${r.file}（接收方 ${r.recipient}）。持有此文件者可解密所有数据包，请妥善保管。`,
    );
    return 0;
  } finally {
    await cli.close();
  }
}
