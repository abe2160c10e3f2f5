import path from 'node:path';
import { parseArgs } from 'node:util';
import { STAT_SECTIONS, type AnnualReport } from '../../../electron/contract/statistics';
import { resolveDataDir } from '../data-dir';
import { CliError, out, writePrintedFile } from '../io';
import { openSession } from '../session';
import { indicatorsReport } from './report-indicators';

const USAGE =
  '用法：dangan report annual --data DIR --year YYYY [--json|--pdf 文件.pdf|--xlsx 文件.xlsx] | dangan report indicators --data DIR [--json]';

/** The report as text lines: figures by section (档基 tables' order), gaps, the closing and its corrections. */
export function annualReportLines(r: AnnualReport): string[] {
  const lines = [`${r.unitName}（全宗号 ${r.fondsCode}）${r.year}年度统计年报`];
  lines.push(
    r.closed
      ? `已关账：${r.closed.closedByName} ${r.closed.closedAt.slice(0, 16).replace('T', ' ')}${r.closed.comment ? `，${r.closed.comment}` : ''}（摘要 ${r.closed.contentHash.slice(0, 16)}…）`
      : '未关账（数字为实时统计）',
  );
  for (const [section, title] of Object.entries(STAT_SECTIONS)) {
    const figures = r.figures.filter((f) => f.section === section);
    if (!figures.length) continue;
    lines.push('', title);
    for (const f of figures) lines.push(`  ${f.label}\t${f.value} ${f.unit}\t[${f.key}]`);
  }
  if (r.gaps.length) {
    lines.push('', '无法统计的项目');
    for (const g of r.gaps) lines.push(`  ${g.label}：${g.reason}`);
  }
  if (r.corrections.length) {
    lines.push('', '关账后的更正');
    for (const c of r.corrections) {
      lines.push(`  ${c.label}：关账时 ${c.frozen}，现为 ${c.live}\t[${c.key}]`);
      for (const x of c.changed) lines.push(`    ${x.archiveCode}  ${x.title}`);
    }
  }
  return lines;
}

/** `dangan report annual`: the year's 统计年报 as the command's account sees it (drill lists follow 密级; figures do not). */
export async function reportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      year: { type: 'string' },
      json: { type: 'boolean', default: false },
      pdf: { type: 'string' },
      xlsx: { type: 'string' },
    },
  });
  if (positionals.length === 1 && positionals[0] === 'indicators') {
    const cli = await openSession(resolveDataDir(values.data));
    try {
      return await indicatorsReport(cli, values.json);
    } finally {
      await cli.close();
    }
  }
  if (positionals.length !== 1 || positionals[0] !== 'annual' || !values.year) throw new CliError(USAGE, 2);
  const year = Number(values.year);
  if (!Number.isInteger(year)) throw new CliError(`年度应为四位数字：${values.year}`, 2);
  const cli = await openSession(resolveDataDir(values.data));
  try {
    // --pdf, --xlsx and --json may come together: one session writes both files (each through
    // statistics.print, audited) and, with --json, prints the report (stdout stays JSON alone).
    const files = [
      ['pdf', values.pdf],
      ['xlsx', values.xlsx],
    ].filter((f): f is ['pdf' | 'xlsx', string] => !!f[1]);
    for (const [format, file] of files) {
      const target = path.resolve(file);
      const r = await cli.call('statistics.print', { year, format });
      writePrintedFile(target, r);
      if (!values.json) out(`已生成 ${year} 年度统计年报：${target}${format === 'pdf' ? `（${r.pages} 页）` : ''}`);
    }
    if (files.length && !values.json) return 0;
    const r = await cli.call('statistics.annual', { year });
    if (values.json) out(JSON.stringify(r));
    else for (const l of annualReportLines(r)) out(l);
    return 0;
  } finally {
    await cli.close();
  }
}
