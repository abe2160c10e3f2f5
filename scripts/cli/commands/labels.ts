import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LABEL_SHEETS, LABEL_TARGET_NAMES, type LabelSheet, type LabelTarget } from '../../../electron/contract/labels';
import { DB_FILE } from '../../../electron/core/app';
import { resolveDataDir } from '../data-dir';
import { CliError, err, out, writePrintedFile } from '../io';
import { openSession } from '../session';

const USAGE =
  '用法：dangan labels --data DIR --out 文件.pdf [--boxes|--volumes|--places] [--code128|--qr] ' +
  '[--sheet 3x8|2x5|roll] [--start 起始格] [--ids 标识,… | --category 门类代码 --year 年度 | --place 库位标识] [--json]';

/**
 * `dangan labels`: barcode labels through `print.labels` (as the command's account; the
 * print is audited), written as one PDF. Boxes by default, every one unless narrowed.
 */
export async function labelsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      boxes: { type: 'boolean', default: false },
      volumes: { type: 'boolean', default: false },
      places: { type: 'boolean', default: false },
      code128: { type: 'boolean', default: false },
      qr: { type: 'boolean', default: false },
      sheet: { type: 'string', default: '3x8' },
      start: { type: 'string', default: '1' },
      ids: { type: 'string' },
      category: { type: 'string' },
      year: { type: 'string' },
      place: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const kinds = (['boxes', 'volumes', 'places'] as const).filter((k) => values[k]);
  if (positionals.length || !values.out || kinds.length > 1 || (values.code128 && values.qr))
    throw new CliError(USAGE, 2);
  const kind: LabelTarget = kinds[0] === 'volumes' ? 'volume' : kinds[0] === 'places' ? 'place' : 'box';
  if (!LABEL_SHEETS.includes(values.sheet as LabelSheet))
    throw new CliError(`标签纸应为 3x8、2x5 或 roll：${values.sheet}`, 2);
  const start = Number(values.start);
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !Number.isInteger(year)) throw new CliError(`年度应为四位数字：${values.year}`, 2);
  const dir = resolveDataDir(values.data);
  if (!fs.existsSync(path.join(dir, DB_FILE)))
    throw new CliError(`数据目录 ${dir} 中还没有档案库：请先运行 dangan setup 完成首次设置`);
  const target = path.resolve(values.out);
  const ids = values.ids?.split(',').map((s) => s.trim());
  const cli = await openSession(dir);
  try {
    const r = await cli.call('print.labels', {
      kind,
      ...(ids ? (kind === 'volume' ? { volumeIds: ids } : { ids }) : {}),
      ...(values.category !== undefined ? { categoryCode: values.category } : {}),
      ...(year !== undefined ? { year } : {}),
      ...(values.place !== undefined ? { placeId: values.place } : {}),
      sheet: values.sheet as LabelSheet,
      symbology: values.qr ? 'qr' : 'code128',
      start,
    });
    writePrintedFile(target, r);
    if (r.byId) err(`注意：${r.byId} 张标签的编码含扫描枪无法输入的字符，条码改为记录标识`);
    out(
      values.json
        ? JSON.stringify({ file: target, kind, pages: r.pages, labels: r.labels, byId: r.byId })
        : `已生成${LABEL_TARGET_NAMES[kind]}标签：${target}（${r.labels} 张，${r.pages} 页）`,
    );
    return 0;
  } finally {
    await cli.close();
  }
}
