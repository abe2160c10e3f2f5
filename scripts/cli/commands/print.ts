import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PRINT_KINDS, PRINT_KIND_LABELS, type PrintKind } from '../../../electron/contract/print';
import { DB_FILE } from '../../../electron/core/app';
import { resolveDataDir } from '../data-dir';
import { CliError, out, writePrintedFile } from '../io';
import { openSession } from '../session';

const USAGE =
  '用法：dangan print cover|contents|notes|volume-catalogue|item-catalogue|stamp|box-spine|box-back --data DIR --out 文件.pdf|文件.xlsx ' +
  '[--volume 案卷标识或档号 | --category 门类代码 --year 年度 | --items 文件标识,…（stamp、item-catalogue）| --box 盒标识或盒编码（仅 box-spine、box-back）] ' +
  '[--compiler 立卷人 --checker 检查人 --date 立卷时间 --check-date 检查时间] [--json]' +
  '（notes 未给出的签名取自该案卷所在整理批次的签名）';

/**
 * `dangan print KIND`: lays out a standard document through `print.document` (as the
 * command's account, with its clearance; the print is audited) and writes the PDF, or for
 * the catalogues with `--out FILE.xlsx` the workbook.
 */
export async function printCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      volume: { type: 'string' },
      box: { type: 'string' },
      items: { type: 'string' },
      category: { type: 'string' },
      year: { type: 'string' },
      compiler: { type: 'string' },
      checker: { type: 'string' },
      date: { type: 'string' },
      'check-date': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const kind = positionals[0] as PrintKind | undefined;
  if (!kind || !PRINT_KINDS.includes(kind) || positionals.length > 1 || !values.out) throw new CliError(USAGE, 2);
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !Number.isInteger(year)) throw new CliError(`年度应为四位数字：${values.year}`, 2);
  const dir = resolveDataDir(values.data);
  if (!fs.existsSync(path.join(dir, DB_FILE)))
    throw new CliError(`数据目录 ${dir} 中还没有档案库：请先运行 dangan setup 完成首次设置`);
  const target = path.resolve(values.out);
  const cli = await openSession(dir);
  try {
    let volumeId = values.volume;
    if (volumeId !== undefined) {
      // A clerk knows the 档号; an id is taken as it is (dispatch answers for one it may not see).
      const byCode = (await cli.call('volumes.list', {})).find((v) => v.archiveCode === volumeId);
      if (byCode) volumeId = byCode.id;
    }
    // A volume's 备考表 is signed by who signed its batch's 整理 and 自查 unless given here.
    const signed =
      kind === 'notes' && volumeId !== undefined ? await cli.call('arrangement.notes', { volumeId }) : null;
    const r = await cli.call('print.document', {
      kind,
      format: /\.xlsx$/i.test(target) ? 'xlsx' : 'pdf',
      ...(volumeId !== undefined ? { volumeId } : {}),
      ...(values.box !== undefined ? { boxId: values.box } : {}),
      ...(values.items !== undefined ? { itemIds: values.items.split(',').map((s) => s.trim()) } : {}),
      ...(values.category !== undefined ? { categoryCode: values.category } : {}),
      ...(year !== undefined ? { year } : {}),
      notes: {
        compiler: values.compiler ?? signed?.compiler ?? '',
        checker: values.checker ?? signed?.checker ?? '',
        date: values.date ?? signed?.date ?? '',
        checkDate: values['check-date'] ?? signed?.checkDate ?? '',
      },
    });
    writePrintedFile(target, r);
    out(
      values.json
        ? JSON.stringify({ file: target, kind, pages: r.pages, rows: r.rows, missingChars: r.missingChars })
        : `已生成${PRINT_KIND_LABELS[kind]}：${target}（${r.pages} 页，${r.rows} 条）`,
    );
    return 0;
  } finally {
    await cli.close();
  }
}
