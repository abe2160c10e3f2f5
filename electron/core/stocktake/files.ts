/**
 * The report on paper and in a workbook: a PDF through the print engine (the shipped CJK font,
 * tables that break across pages) and an .xlsx with one sheet per list. Both audited.
 */
import ExcelJS from 'exceljs';
import { REPORT_ENTITY_LABELS, type StocktakeFile, type StocktakeReport } from '../../contract/stocktake';
import { appendAudit } from '../audit';
import { actorOf, type CoreContext, inTransaction, type Session } from '../kernel';
import { maskReport } from './mask';
import { type DocSpec, renderPdf } from '../print';
import { buildReport } from './report';

const STATUS = { open: '进行中', accepted: '已确认', cancelled: '已取消' } as const;
const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');

function headLines(r: StocktakeReport): string[] {
  const s = r.stocktake;
  const c = r.counts;
  return [
    `盘点范围：${s.placePath}（${s.placeCode}）　状态：${STATUS[s.status]}　开始：${s.startedAt.slice(0, 16).replace('T', ' ')} ${s.startedByName}` +
      (s.closedAt ? `　结束：${s.closedAt.slice(0, 16).replace('T', ' ')} ${s.closedByName ?? ''}` : ''),
    `应有 ${c.expected}　在位 ${c.found}（盒内 ${c.contentsFound} 件/卷）　缺失 ${c.missing}　错位 ${c.misplaced}` +
      `　无法识别 ${c.unknown}　重复扫描 ${c.twice}　共扫描 ${c.scans}` +
      (s.status === 'accepted' ? `　已按盘点结果移位 ${r.moved}` : ''),
  ];
}

const kind = (e: keyof typeof REPORT_ENTITY_LABELS) => REPORT_ENTITY_LABELS[e];

export function reportDoc(r: StocktakeReport): DocSpec {
  const table = (title: string, header: string[], widths: number[], rows: string[][], empty: string) => [
    { type: 'title' as const, text: title, size: 12, after: 2 },
    {
      type: 'table' as const,
      columns: header.map((h, i) => ({ header: h, width: widths[i]! })),
      rows,
      size: 9,
      empty,
    },
  ];
  return {
    title: `盘点报告 ${r.stocktake.title}`,
    page: 'A4',
    margin: { top: 15, right: 12, bottom: 15, left: 12 },
    pageNumbers: true,
    blocks: [
      { type: 'title', text: `盘点报告：${r.stocktake.title}`, size: 16, after: 3 },
      ...headLines(r).map((text) => ({ type: 'line' as const, text, size: 9 })),
      ...table(
        `错位（${r.misplaced.length}）`,
        ['类别', '编码', '应在', '实际在', '处理'],
        [0.08, 0.28, 0.22, 0.22, 0.2],
        r.misplaced.map((m) => [
          kind(m.entity),
          m.code,
          m.expectedPath ?? '未登记位置',
          m.foundPath ?? '未扫描库位',
          m.movable ? (r.stocktake.status === 'accepted' ? '已移至实际位置' : '确认后移至实际位置') : '不移动',
        ]),
        '无',
      ),
      ...table(
        `缺失（${r.missing.length}）`,
        ['类别', '编码', '应在'],
        [0.1, 0.45, 0.45],
        r.missing.map((m) => [kind(m.entity), m.code, m.expectedPath ?? '']),
        '无',
      ),
      ...table(
        `无法识别的标签（${r.unknown.length}）`,
        ['条码内容', '原因', '次数'],
        [0.4, 0.5, 0.1],
        r.unknown.map((u) => [u.code, u.reason, String(u.times)]),
        '无',
      ),
      ...table(
        `重复扫描（${r.twice.length}）`,
        ['类别', '编码', '次数'],
        [0.1, 0.75, 0.15],
        r.twice.map((t) => [kind(t.entity), t.code, String(t.times)]),
        '无',
      ),
      ...table(
        `在位（${r.found.length}）`,
        ['类别', '编码', '位置', '盒内件/卷'],
        [0.1, 0.4, 0.38, 0.12],
        r.found.map((f) => [
          kind(f.entity),
          f.code,
          f.foundPath ?? f.expectedPath ?? '',
          f.entity === 'box' ? String(f.contents) : '',
        ]),
        '无',
      ),
    ],
  };
}

function audit(ctx: CoreContext, s: Session, r: StocktakeReport, what: 'print' | 'export', fileName: string) {
  return ctx.lock.run(() =>
    inTransaction(
      ctx,
      () =>
        appendAudit(ctx, actorOf(s), {
          action: what === 'print' ? 'stocktake.print' : 'stocktake.export',
          entity: 'stocktake',
          entityId: r.stocktake.id,
          summary: `${what === 'print' ? '打印' : '导出'}盘点报告“${r.stocktake.title}”`,
          details: { fileName, counts: r.counts },
        }),
      { catalogue: false },
    ),
  );
}

export async function printReport(ctx: CoreContext, s: Session, id: string): Promise<StocktakeFile> {
  const r = maskReport(ctx, s.clearance, buildReport(ctx, id));
  const pdf = await renderPdf(reportDoc(r), ctx.clock.now());
  const fileName = safe(`盘点报告-${r.stocktake.title}.pdf`);
  await audit(ctx, s, r, 'print', fileName);
  return { fileName, base64: Buffer.from(pdf.bytes).toString('base64'), pages: pdf.pages };
}

export async function exportReport(ctx: CoreContext, s: Session, id: string): Promise<StocktakeFile> {
  const r = maskReport(ctx, s.clearance, buildReport(ctx, id));
  const wb = new ExcelJS.Workbook();
  wb.created = ctx.clock.now();
  const sheet = (name: string, header: string[], rows: (string | number)[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    for (const row of rows) ws.addRow(row);
    ws.columns.forEach((c) => (c.width = 24));
  };
  sheet(
    '汇总',
    ['项目', '数量'],
    [
      ['盘点', r.stocktake.title],
      ['范围', r.stocktake.placePath],
      ['应有', r.counts.expected],
      ['在位', r.counts.found],
      ['盒内件/卷', r.counts.contentsFound],
      ['缺失', r.counts.missing],
      ['错位', r.counts.misplaced],
      ['无法识别', r.counts.unknown],
      ['重复扫描', r.counts.twice],
      ['扫描总数', r.counts.scans],
    ],
  );
  sheet(
    '错位',
    ['类别', '编码', '应在', '实际在', '确认时移动'],
    r.misplaced.map((m) => [
      kind(m.entity),
      m.code,
      m.expectedPath ?? '未登记位置',
      m.foundPath ?? '',
      m.movable ? '是' : '否',
    ]),
  );
  sheet(
    '缺失',
    ['类别', '编码', '应在'],
    r.missing.map((m) => [kind(m.entity), m.code, m.expectedPath ?? '']),
  );
  sheet(
    '无法识别',
    ['条码内容', '原因', '次数'],
    r.unknown.map((u) => [u.code, u.reason, u.times]),
  );
  sheet(
    '重复扫描',
    ['类别', '编码', '次数'],
    r.twice.map((t) => [kind(t.entity), t.code, t.times]),
  );
  sheet(
    '在位',
    ['类别', '编码', '位置', '盒内件/卷'],
    r.found.map((f) => [kind(f.entity), f.code, f.foundPath ?? f.expectedPath ?? '', f.contents]),
  );
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const fileName = safe(`盘点报告-${r.stocktake.title}.xlsx`);
  await audit(ctx, s, r, 'export', fileName);
  return { fileName, base64: buf.toString('base64'), pages: r.found.length + r.missing.length + r.misplaced.length };
}
