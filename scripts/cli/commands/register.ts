import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../data-dir';
import { CliError, out, writePrintedFile } from '../io';
import { openSession } from '../session';

const USAGE = '用法：dangan register print --data DIR --year YYYY --out 文件.pdf|文件.xlsx [--json]';

/** `dangan register print`: the year's 借阅登记簿 through `lending.register` (audited), PDF or .xlsx by the file's suffix. */
export async function registerCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      year: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1 || positionals[0] !== 'print' || !values.out || !values.year)
    throw new CliError(USAGE, 2);
  const year = Number(values.year);
  if (!Number.isInteger(year)) throw new CliError(`年度应为四位数字：${values.year}`, 2);
  const ext = path.extname(values.out).toLowerCase();
  if (ext !== '.pdf' && ext !== '.xlsx') throw new CliError(`输出文件应为 .pdf 或 .xlsx：${values.out}`, 2);
  const target = path.resolve(values.out);
  const cli = await openSession(resolveDataDir(values.data));
  try {
    const r = await cli.call('lending.register', { year, format: ext === '.pdf' ? 'pdf' : 'xlsx' });
    writePrintedFile(target, { ...r, missingChars: [] });
    out(
      values.json
        ? JSON.stringify({ file: target, year, pages: r.pages })
        : `已生成 ${year} 年借阅登记簿：${target}${ext === '.pdf' ? `（${r.pages} 页）` : ''}`,
    );
    return 0;
  } finally {
    await cli.close();
  }
}
