/**
 * The 借阅登记簿 of a year (reference §9's register fields: borrower, date, purpose, 档号, 题名,
 * 密级, approver and when, due, returned, received by, pages checked, 利用效果) as a PDF through
 * the print engine and as an .xlsx through the exporter's sheet writer; and the 催还单 for
 * overdue loans, one per loan, naming who approved it and when. Every file is audited.
 */
import { asc, eq, isNotNull } from 'drizzle-orm';
import { loanRecords, loanRequests } from '../../../db/schema';
import { SECURITY_LABELS, type SecurityLevel } from '../../contract/domain';
import type { LoanFile, OverdueLoan } from '../../contract/lending';
import type { AuditAction } from '../../contract/audit';
import { appendAudit } from '../audit';
import { tableSheet } from '../exporter';
import { actorOf, type CoreContext, getMeta, inTransaction, type Session } from '../kernel';
import { type DocSpec, renderPdf } from '../print';
import { utilisationCounts } from './counts';
import { overdueLoans } from './desk';
import { decisionOf, localDay } from './rows';

const COLUMNS = [
  { header: '序号', width: 0.035 },
  { header: '借阅日期', width: 0.075 },
  { header: '借阅人', width: 0.07 },
  { header: '单位/部门', width: 0.07 },
  { header: '目的', width: 0.06 },
  { header: '方式', width: 0.055 },
  { header: '档号', width: 0.13 },
  { header: '题名', width: 0.09 },
  { header: '密级', width: 0.035 },
  { header: '审批人/时间', width: 0.1 },
  { header: '应还日期', width: 0.075 },
  { header: '归还日期', width: 0.075 },
  { header: '经手人', width: 0.05 },
  { header: '利用效果', width: 0.08 },
] as const;

const when = (iso: string | null | undefined) =>
  iso ? `${localDay(iso)} ${new Date(iso).toTimeString().slice(0, 5)}` : '';
const name = (actor: string | null | undefined) => (actor ?? '').replace(/\(.*\)$/, '');

/** One register line per record handed out in the year, in hand-out order. */
export function registerRows(ctx: CoreContext, s: Session, year: number): string[][] {
  return ctx.orm
    .select({ rec: loanRecords, req: loanRequests })
    .from(loanRecords)
    .innerJoin(loanRequests, eq(loanRequests.id, loanRecords.requestId))
    .where(isNotNull(loanRecords.outAt))
    .orderBy(asc(loanRecords.outAt), asc(loanRecords.id))
    .all()
    .filter((x) => localDay(x.rec.outAt!).startsWith(`${year}-`) && x.rec.securityLevel <= s.clearance)
    .map(({ rec, req }, i) => {
      const d = decisionOf(ctx, req.id);
      const effect =
        rec.status === 'returned'
          ? `${rec.solved ? '已解决' : '未解决'}${rec.servedWhat ? `（${rec.servedWhat}）` : ''}` +
            `${rec.pagesChecked !== null ? ` 清点${rec.pagesChecked}页${rec.intact ? '完好' : '不完好'}` : ''}` +
            `${rec.copyPages ? ` 复制${rec.copyPages}页` : ''}`
          : '';
      return [
        String(i + 1),
        localDay(rec.outAt!),
        req.borrowerName + (req.onBehalf ? '（民警代查）' : ''),
        req.borrowerUnit,
        req.purpose,
        req.way,
        rec.archiveCode,
        rec.title,
        SECURITY_LABELS[rec.securityLevel as SecurityLevel] ?? String(rec.securityLevel),
        d ? `${name(d.approverName)} ${when(d.decidedAt)}` : '',
        rec.dueDate ?? '',
        rec.returnedAt ? localDay(rec.returnedAt) : '',
        name(rec.receivedByName ?? rec.outByName),
        effect,
      ];
    });
}

function countsLine(ctx: CoreContext, year: number): string {
  const c = utilisationCounts(ctx, year);
  return (
    `${year}年合计：利用 ${c.visits} 人次，卷次 ${c.volumeTimes}，件次 ${c.itemTimes}，` +
    `复制 ${c.copyPages} 页，解决问题 ${c.solved} 个`
  );
}

export function registerDoc(unitName: string, year: number, rows: string[][], counts: string): DocSpec {
  return {
    title: `借阅登记簿 ${year}`,
    page: 'A4-landscape',
    margin: { top: 12, right: 10, bottom: 12, left: 12 },
    pageNumbers: true,
    blocks: [
      { type: 'title', text: `借阅登记簿（${year}年）`, size: 18, after: 3 },
      { type: 'line', text: `单位：${unitName}`, size: 10 },
      { type: 'table', size: 8, columns: COLUMNS.map((c) => ({ ...c })), rows, empty: '（本年度没有借阅记录）' },
      { type: 'line', text: counts, size: 10 },
    ],
  };
}

function audit(ctx: CoreContext, s: Session, action: AuditAction, summary: string, details: object) {
  return ctx.lock.run(() =>
    inTransaction(ctx, () => appendAudit(ctx, actorOf(s), { action, entity: 'loan_register', summary, details }), {
      catalogue: false,
    }),
  );
}

export async function printRegister(
  ctx: CoreContext,
  s: Session,
  year: number,
  format: 'pdf' | 'xlsx',
): Promise<LoanFile> {
  const unit = getMeta(ctx, 'unit_name') ?? '';
  const rows = registerRows(ctx, s, year);
  const counts = countsLine(ctx, year);
  let bytes: Buffer;
  let pages = rows.length;
  if (format === 'pdf') {
    const pdf = await renderPdf(registerDoc(unit, year, rows, counts), ctx.clock.now());
    bytes = Buffer.from(pdf.bytes);
    pages = pdf.pages;
  } else {
    const sheet = tableSheet(
      `借阅登记簿${year}`,
      unit,
      COLUMNS.map((c) => ({ header: c.header, width: Math.round(c.width * 180) })),
    );
    for (const r of rows) sheet.add(r);
    sheet.add([counts]);
    bytes = await sheet.finish();
  }
  const fileName = `借阅登记簿-${year}.${format}`;
  await audit(
    ctx,
    s,
    'lending.register',
    `${format === 'pdf' ? '打印' : '导出'}${year}年借阅登记簿（${rows.length} 条）`,
    {
      fileName,
      rows: rows.length,
    },
  );
  return { fileName, base64: bytes.toString('base64'), pages };
}

export function reminderDoc(unitName: string, today: string, loans: OverdueLoan[]): DocSpec {
  return {
    title: '催还单',
    page: 'A4',
    margin: { top: 15, right: 15, bottom: 15, left: 15 },
    pageNumbers: false,
    blocks: !loans.length
      ? [
          { type: 'title', text: '档案催还单', size: 18, after: 4 },
          { type: 'line', text: '没有逾期未还的档案。', size: 12 },
        ]
      : loans.flatMap((l) => [
          { type: 'break' as const },
          { type: 'title' as const, text: '档案催还单', size: 18, after: 4 },
          { type: 'line' as const, text: `${l.borrowerUnit ? `${l.borrowerUnit} ` : ''}${l.borrowerName}：`, size: 12 },
          {
            type: 'line' as const,
            text: `您于 ${l.outAt ? localDay(l.outAt) : ''} ${l.way}的档案已超过归还期限（${l.dueDate ?? ''}），请尽快归还。`,
            size: 12,
          },
          { type: 'line' as const, text: `档号：${l.archiveCode}`, size: 12 },
          { type: 'line' as const, text: `题名：${l.title}`, size: 12 },
          { type: 'line' as const, text: `审批人：${name(l.approverName)}　审批时间：${when(l.decidedAt)}`, size: 12 },
          { type: 'line' as const, text: `经手人：${name(l.outByName)}　联系方式：${l.contact || '—'}`, size: 12 },
          { type: 'line' as const, text: `${unitName}　${today}`, size: 12 },
        ]),
  };
}

export async function printReminders(ctx: CoreContext, s: Session, ids: string[]): Promise<LoanFile> {
  const all = overdueLoans(ctx, s);
  const loans = ids.length ? all.filter((l) => ids.includes(l.id)) : all;
  const today = localDay(ctx.nowIso());
  const pdf = await renderPdf(reminderDoc(getMeta(ctx, 'unit_name') ?? '', today, loans), ctx.clock.now());
  const fileName = `催还单-${today}.pdf`;
  await audit(ctx, s, 'lending.reminders', `打印催还单 ${loans.length} 份`, {
    fileName,
    archiveCodes: loans.map((l) => l.archiveCode),
  });
  return { fileName, base64: Buffer.from(pdf.bytes).toString('base64'), pages: pdf.pages };
}
