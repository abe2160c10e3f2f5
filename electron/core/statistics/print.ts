/**
 * statistics.print: the year's report as statistics.annual gives it (frozen when closed), printed
 * in the 档基 layout through the print engine, or written as a workbook by the exporter's sheet
 * writer (as the 借阅登记簿 and the catalogues are). Every file is audited.
 *
 * The workbook is ONE sheet laid out like the paper (head, sections in order, notes, signature,
 * 更正), not a sheet per section: the clerk checks it line by line against the signed paper and
 * sends both to the bureau, and the sheet writer prints it like the catalogues. Values stay
 * numbers (they sum), and a column carries each figure's stable key so the bureau can read it
 * by key rather than by position.
 */
import type { z } from 'zod';
import type { StatFile, zStatPrint } from '../../contract/statistics';
import { appendAudit } from '../audit';
import { tableSheet } from '../exporter';
import { actorOf, type CoreContext, inTransaction, type Session } from '../kernel';
import { renderPdf } from '../print';
import { annualReportDoc, changeText, headLine, reportSections, signatureParts, statusLine } from './annual-doc';
import { annualReport } from './report';

const SHEET_COLUMNS = [
  { header: '项目', width: 40 },
  { header: '数值', width: 12 },
  { header: '单位', width: 8 },
  { header: '说明', width: 48 },
  { header: '统计项代码', width: 36 },
];

async function workbook(r: ReturnType<typeof annualReport>): Promise<Buffer> {
  const sheet = tableSheet(`统计年报${r.year}`, r.unitName, SHEET_COLUMNS);
  sheet.add([`档案室基本情况年报（${r.year}年度）`]);
  sheet.add([headLine(r)]);
  sheet.add([statusLine(r)]);
  for (const s of reportSections(r)) {
    sheet.add([s.title]);
    for (const l of s.lines)
      sheet.add([l.label, l.value, l.unit, l.note ? `注${l.note.n}：${l.note.reason}` : '', l.key]);
  }
  sheet.add(signatureParts(r));
  if (r.closed && r.corrections.length) {
    sheet.add([`统计年报更正表（${r.year}年度）`]);
    sheet.add(['统计项', '关账时', '现值', '增减；变动的档案（档号 题名）', '统计项代码']);
    // A figure's row carries its numbers; the further records behind its change follow alone.
    for (const c of r.corrections) {
      const [first, ...rest] = c.changed.map((x) => `${x.archiveCode} ${x.title}`);
      sheet.add([c.label, c.frozen, c.live, `${changeText(c.frozen, c.live)}${first ? `；${first}` : ''}`, c.key]);
      for (const x of rest) sheet.add(['', '', '', x]);
    }
  }
  return sheet.finish();
}

export async function printAnnual(ctx: CoreContext, s: Session, input: z.output<typeof zStatPrint>): Promise<StatFile> {
  const r = annualReport(ctx, s, input.year);
  const file =
    input.format === 'pdf'
      ? await renderPdf(annualReportDoc(r), ctx.clock.now())
      : { bytes: await workbook(r), pages: 0, missingChars: [] };
  const fileName = `统计年报-${input.year}.${input.format}`;
  await ctx.lock.run(() =>
    inTransaction(
      ctx,
      () =>
        appendAudit(ctx, actorOf(s), {
          action: 'statistics.print',
          entity: 'statistics_report',
          entityId: String(input.year),
          summary: `${input.format === 'pdf' ? '打印' : '导出'}${input.year}年度统计年报（${r.closed ? '已关账' : '未关账'}，${r.figures.length}项数字${r.corrections.length ? `，${r.corrections.length}项更正` : ''}）`,
          details: {
            fileName,
            year: input.year,
            pages: file.pages,
            closed: !!r.closed,
            missingChars: file.missingChars,
          },
        }),
      // Only an audit row: the catalogue's cached views stay valid.
      { catalogue: false },
    ),
  );
  return {
    fileName,
    base64: Buffer.from(file.bytes).toString('base64'),
    pages: file.pages,
    missingChars: file.missingChars,
  };
}
