/**
 * `dangan import catalogue`: a local operator loads a station's legacy catalogue sheet,
 * through `import.commit` as the window's import does (the account: see ../session.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CategoryView, ImportRowError } from '../../../electron/contract/dto';
import type { MethodInput } from '../../../electron/contract/methods';
import { MAX_IMPORT_BYTES } from '../../../electron/core/importer';
import { CliError, err, out } from '../io';
import { errorLine, openSession, type CliSession } from '../session';

const USAGE = [
  '用法: dangan import catalogue --data DIR --file F --category 门类代码 [--mapping M.json] [--sheet 名称] [--year 默认年度]',
  '                              [--valid-only [--report 错误行.xlsx]] [--json]',
  '      dangan import template --data DIR --category 门类代码 --out 模板.xlsx',
  '  --valid-only  只导入有效行，跳过有错误的行（默认：有任何错误则一行也不导入）',
  '  --report F    与 --valid-only 同用：把跳过的行连同错误原因写入 F，改正后可重新导入',
].join('\n');

export async function importCommand(args: string[]): Promise<number> {
  const [what, ...rest] = args;
  if (what === 'template') return templateCommand(rest);
  if (what !== 'catalogue') throw new CliError(USAGE, 2);
  const { values } = parseArgs({
    args: rest,
    options: {
      data: { type: 'string' },
      file: { type: 'string' },
      category: { type: 'string' },
      mapping: { type: 'string' },
      sheet: { type: 'string' },
      year: { type: 'string' },
      'valid-only': { type: 'boolean', default: false },
      report: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.file || !values.category) throw new CliError(USAGE, 2);
  if (values.report && !values['valid-only']) throw new CliError('--report 只能与 --valid-only 一起使用', 2);
  const source = {
    fileName: path.basename(values.file),
    base64: readFileOrFail(values.file, MAX_IMPORT_BYTES).toString('base64'),
    sheet: values.sheet,
    mapping: values.mapping ? readMapping(values.mapping) : undefined,
    defaults: values.year ? { year: Number(values.year) } : {},
    validOnly: values['valid-only'],
  };
  const cli = await openSession(values.data);
  try {
    const category = await findCategory(cli, values.category);
    return await run(cli, { ...source, categoryId: category.id }, values.json, values.report);
  } finally {
    await cli.close();
  }
}

async function run(
  cli: CliSession,
  src: MethodInput<'import.commit'> & { fileName: string },
  json: boolean,
  reportFile: string | undefined,
): Promise<number> {
  const stop = cli.core.ctx.events.on('job.progress', (p) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${p.phase} ${p.done}/${p.total}   `);
    else if (p.done === p.total) err(`${p.phase} ${p.done}/${p.total}`);
  });
  try {
    const result = await cli.tryCall('import.commit', src);
    if (process.stderr.isTTY) err('');
    if (!result.ok) return failed(result.error, json);
    const r = result.value;
    const report = r.report && reportFile ? writeReport(reportFile, r.report.base64) : null;
    if (json) {
      const skipped = src.validOnly ? { skipped: r.skipped, report } : {};
      out(JSON.stringify({ ok: true, imported: r.imported, errors: [], ...codes(r), ...skipped }));
    } else {
      out(`已导入 ${r.imported} 件（${src.fileName}）` + (r.firstArchiveCode ? `，档号 ${range(r)}` : ''));
      if (r.skipped) {
        out(
          `跳过有错误的 ${r.skipped} 行` +
            (report ? `，错误行及原因已写入 ${report}` : '（用 --report F.xlsx 保存错误行）'),
        );
      }
    }
    return 0;
  } finally {
    stop();
  }
}

/** Row errors are listed (text or JSON); other refusals (FORBIDDEN, …) as JSON or `错误 [CODE]：…`. */
function failed(e: { code: string; message: string; details?: unknown }, json: boolean): number {
  // A bad argument (the file, the mapping) is a usage error, as before any row is read.
  if (e.code === 'VALIDATION_FAILED') throw new CliError(errorLine(e), 2);
  const rowErrors = e.code === 'IMPORT_HAS_ERRORS';
  const errors = rowErrors ? (e.details as ImportRowError[]) : [{ row: 0, field: '', message: e.message }];
  if (json) {
    const failed = { ok: false, code: e.code, imported: 0, errors, firstArchiveCode: null, lastArchiveCode: null };
    out(JSON.stringify(failed));
  } else if (rowErrors) printErrors(e.message, errors);
  else throw new CliError(errorLine(e));
  return 1;
}

const codes = (r: { firstArchiveCode: string | null; lastArchiveCode: string | null }) => ({
  firstArchiveCode: r.firstArchiveCode,
  lastArchiveCode: r.lastArchiveCode,
});
const range = (r: { firstArchiveCode: string | null; lastArchiveCode: string | null }) =>
  r.firstArchiveCode === r.lastArchiveCode ? r.firstArchiveCode : `${r.firstArchiveCode} 至 ${r.lastArchiveCode}`;

function printErrors(message: string, errors: ImportRowError[]): void {
  out(message);
  for (const e of errors) out(e.row > 0 ? `  第${e.row}行  ${e.field}：${e.message}` : `  ${e.message}`);
}

function writeReport(file: string, base64: string): string {
  const full = path.resolve(file);
  try {
    fs.writeFileSync(full, Buffer.from(base64, 'base64'));
  } catch {
    throw new CliError(`无法写入错误报告：${full}（已导入的记录不受影响）`);
  }
  return full;
}

/** `dangan import template`: the category's import template, as the import screen offers it. */
async function templateCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { data: { type: 'string' }, category: { type: 'string' }, out: { type: 'string' } },
  });
  if (!values.category || !values.out) throw new CliError(USAGE, 2);
  const cli = await openSession(values.data);
  try {
    const category = await findCategory(cli, values.category);
    const file = await cli.call('import.template', { categoryId: category.id });
    const full = path.resolve(values.out);
    fs.writeFileSync(full, Buffer.from(file.base64, 'base64'));
    out(`已生成“${category.name}”（${category.fullCode}）的导入模板：${full}`);
    return 0;
  } finally {
    await cli.close();
  }
}

/** A column mapping is a few dozen header names; 1 MiB is far beyond any real one. */
const MAX_MAPPING_BYTES = 1024 * 1024;

/**
 * Reads a typed path only if it is a regular file (not a FIFO, device or symlink, which
 * could be /dev/zero) no larger than `max`, checked before reading and again on the open
 * descriptor; never more than `max` bytes are read even if the file grows meanwhile.
 */
function readFileOrFail(file: string, max = MAX_MAPPING_BYTES): Buffer {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    throw new CliError(`无法读取文件：${file}`);
  }
  if (!st.isFile()) throw new CliError(`不是普通文件（不能是目录、链接或设备）：${file}`);
  const tooLarge = () => new CliError(`文件过大：超过${Math.round(max / 1024 / 1024)}MB，请拆分后分批导入：${file}`);
  if (st.size > max) throw tooLarge();
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch {
    throw new CliError(`无法读取文件：${file}`);
  }
  try {
    if (!fs.fstatSync(fd).isFile()) throw new CliError(`不是普通文件（不能是目录、链接或设备）：${file}`);
    const buf = Buffer.alloc(st.size + 1);
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length; n += r) r = fs.readSync(fd, buf, n, buf.length - n, null);
    if (n > st.size) throw new CliError(`文件在读取时仍在变化（可能尚未写完），请稍后再试：${file}`);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** M.json is {"表头": "字段键"}, e.g. {"文件题目": "title", "序号": ""}. */
function readMapping(file: string): Record<string, string> {
  let m: unknown;
  try {
    m = JSON.parse(readFileOrFail(file).toString('utf8'));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`列映射文件不是有效的 JSON：${file}`);
  }
  if (!m || typeof m !== 'object' || Array.isArray(m) || Object.values(m).some((v) => typeof v !== 'string')) {
    throw new CliError('列映射文件应为 {"表头": "字段键"} 形式的 JSON 对象');
  }
  return m as Record<string, string>;
}

/** A full code (ZY·HJ·QR, also written ZY.HJ.QR) or a plain code when only one category has it. */
async function findCategory(cli: CliSession, code: string): Promise<CategoryView> {
  const want = code
    .trim()
    .toUpperCase()
    .replace(/[.．・]/g, '·');
  const list = await cli.call('scheme.list', {});
  const exact = list.find((c) => c.fullCode === want);
  if (exact) return exact;
  const byCode = list.filter((c) => c.code === want);
  if (byCode.length === 1) return byCode[0]!;
  if (byCode.length > 1) {
    throw new CliError(`门类代码 ${want} 不唯一，请写完整代码：${byCode.map((c) => c.fullCode).join('、')}`, 2);
  }
  throw new CliError(`没有门类 ${code}。现有门类：${list.map((c) => `${c.fullCode} ${c.name}`).join('、')}`, 2);
}
