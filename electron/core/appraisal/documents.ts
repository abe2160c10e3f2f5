/**
 * The 销毁清册 (showing who compiled, who approved and when, and who executed) and the 开放鉴定表,
 * as PDF through the print engine and .xlsx through the exporter's sheet writer. Every file is audited.
 */
import type { AppraisalFile, DestructionListView, OpeningReviewView } from '../../contract/appraisal';
import { ENTITY_UNIT_LABELS, OPENING_RESULT_LABELS, unitCount } from '../../contract/appraisal';
import { appendAudit } from '../audit';
import { tableSheet } from '../exporter';
import { actorOf, type CoreContext, getMeta, inTransaction, localMinute, type Session } from '../kernel';
import { type DocSpec, renderPdf } from '../print';
import { listRow, listView } from './destruction';
import { openingList } from './opening';

type Column = { header: string; width: number };
const DESTRUCTION_COLUMNS: Column[] = [
  { header: '序号', width: 0.05 },
  { header: '档号', width: 0.2 },
  { header: '件/卷', width: 0.05 },
  { header: '题名', width: 0.25 },
  { header: '年度', width: 0.07 },
  { header: '保管期限', width: 0.08 },
  { header: '鉴定意见', width: 0.17 },
  { header: '鉴定人', width: 0.13 },
];
const OPENING_COLUMNS: Column[] = [
  { header: '序号', width: 0.05 },
  { header: '档号', width: 0.18 },
  { header: '件/卷', width: 0.05 },
  { header: '题名', width: 0.19 },
  { header: '鉴定结论', width: 0.08 },
  { header: '理由', width: 0.18 },
  { header: '政府信息公开情况', width: 0.1 },
  { header: '鉴定人', width: 0.09 },
  { header: '日期', width: 0.08 },
];

/** Names without the (username) suffix. */
const name = (n: string | null) => (n ?? '').replace(/\(.*\)$/, '');

export function destructionLines(l: DestructionListView): { head: string[]; rows: string[][] } {
  return {
    head: [
      `清册编号：${l.listNo}　鉴定批次：${l.round}　共 ${unitCount(l.entries)}`,
      `编制人：${name(l.createdByName)}　编制时间：${localMinute(l.createdAt)}`,
      `批准人：${l.approvedByName ? name(l.approvedByName) : '（未批准）'}　批准时间：${localMinute(l.approvedAt)}` +
        (l.contentHash ? `　签名摘要：${l.contentHash.slice(0, 16)}` : ''),
      `监销人：${l.executedByName ? name(l.executedByName) : '（未执行）'}　销毁时间：${localMinute(l.executedAt)}`,
    ],
    rows: l.entries.map((e, i) => [
      String(i + 1),
      e.archiveCode,
      ENTITY_UNIT_LABELS[e.entity],
      e.title,
      String(e.year),
      e.retention,
      e.reason,
      name(e.decidedByName),
    ]),
  };
}

const openingRows = (reviews: OpeningReviewView[]) =>
  reviews.map((r, i) => [
    String(i + 1),
    r.archiveCode,
    ENTITY_UNIT_LABELS[r.entity],
    r.title,
    OPENING_RESULT_LABELS[r.result],
    r.reason,
    r.disclosure,
    name(r.reviewerName),
    localMinute(r.reviewedAt).slice(0, 10),
  ]);

function doc(title: string, unit: string, head: string[], columns: Column[], rows: string[][]): DocSpec {
  return {
    title,
    page: 'A4-landscape',
    margin: { top: 12, right: 10, bottom: 12, left: 12 },
    pageNumbers: true,
    blocks: [
      { type: 'title', text: title, size: 18, after: 3 },
      { type: 'line', text: `单位：${unit}`, size: 10 },
      ...head.map((text) => ({ type: 'line' as const, text, size: 10 })),
      { type: 'table', size: 9, columns, rows, empty: '（无）' },
    ],
  };
}

async function render(
  ctx: CoreContext,
  s: Session,
  what: { title: string; head: string[]; columns: Column[]; rows: string[][]; format: 'pdf' | 'xlsx' },
  audit: Parameters<typeof appendAudit>[2],
): Promise<AppraisalFile> {
  const unit = getMeta(ctx, 'unit_name') ?? '';
  let bytes: Buffer;
  let pages = what.rows.length;
  if (what.format === 'pdf') {
    const pdf = await renderPdf(doc(what.title, unit, what.head, what.columns, what.rows), ctx.clock.now());
    bytes = Buffer.from(pdf.bytes);
    pages = pdf.pages;
  } else {
    const sheet = tableSheet(
      what.title,
      unit,
      what.columns.map((c) => ({ header: c.header, width: Math.round(c.width * 180) })),
    );
    for (const line of what.head) sheet.add([line]);
    for (const r of what.rows) sheet.add(r);
    bytes = await sheet.finish();
  }
  await ctx.lock.run(() => inTransaction(ctx, () => appendAudit(ctx, actorOf(s), audit), { catalogue: false }));
  return { fileName: `${what.title}.${what.format}`, base64: bytes.toString('base64'), pages };
}

export function printDestruction(ctx: CoreContext, s: Session, id: string, format: 'pdf' | 'xlsx') {
  const l = listView(ctx, listRow(ctx, s, id));
  const { head, rows } = destructionLines(l);
  return render(
    ctx,
    s,
    { title: `销毁清册-${l.listNo}`, head, columns: DESTRUCTION_COLUMNS, rows, format },
    {
      action: 'destruction.print',
      entity: 'destruction_list',
      entityId: l.id,
      summary: `${format === 'pdf' ? '打印' : '导出'}销毁清册 ${l.listNo}（${unitCount(l.entries)}）`,
    },
  );
}

export function printOpening(ctx: CoreContext, s: Session, format: 'pdf' | 'xlsx') {
  const reviews = openingList(ctx, s);
  const rows = openingRows(reviews);
  return render(
    ctx,
    s,
    { title: '开放鉴定表', head: [], columns: OPENING_COLUMNS, rows, format },
    {
      action: 'opening.print',
      entity: 'opening_review',
      summary: `${format === 'pdf' ? '打印' : '导出'}开放鉴定表（${unitCount(reviews)}）`,
    },
  );
}
