/**
 * The 验收记录 of a batch through the print engine: the batch and its scope, the self-check's
 * counts and a summary of its gaps, the assignments with their progress, and who signed each
 * step in which capacity and when. The file is audited.
 */
import type { ArrangementFile, ArrangementBatch, SelfCheckReport } from '../../contract/arrangement';
import { SIGN_ROLE_LABELS, BATCH_STATUS_LABELS } from '../../contract/arrangement';
import { appendAudit } from '../audit';
import { actorOf, type CoreContext, getMeta, inTransaction, type Session } from '../kernel';
import { type DocSpec, renderPdf } from '../print';
import { batchRow, batchView } from './batches';
import { localDay, plainName } from './notes';
import { selfCheck } from './self-check';

const when = (iso: string) => `${localDay(iso)} ${new Date(iso).toTimeString().slice(0, 5)}`;

export function acceptanceDoc(unit: string, v: ArrangementBatch, r: SelfCheckReport): DocSpec {
  const gapLines = [
    `未扫描登记表的人员 ${r.unscannedPersons.length} 人` +
      (r.unscannedPersons.length
        ? `：${r.unscannedPersons
            .slice(0, 20)
            .map((p) => p.name)
            .join('、')}`
        : ''),
    `件号缺号 ${r.itemNoGaps.reduce((n, g) => n + g.missing.length, 0)} 个` +
      (r.itemNoGaps.length
        ? `：${r.itemNoGaps
            .slice(0, 10)
            .map((g) => `${g.where} 缺 ${g.missing.slice(0, 20).join('、')}`)
            .join('；')}`
        : ''),
    `必填项缺漏 ${r.missingFields.length} 件` +
      (r.missingFields.length
        ? `：${r.missingFields
            .slice(0, 10)
            .map((m) => `${m.archiveCode}（${m.fields.join('、')}）`)
            .join('；')}`
        : ''),
  ];
  const signRows = v.steps.flatMap((st) =>
    st.roles.map((role) => {
      const o = st.signoffs.find((x) => x.signRole === role);
      return [
        String(st.position),
        st.label,
        SIGN_ROLE_LABELS[role],
        o ? plainName(o.signerName) : '',
        o ? when(o.signedAt) : '',
        o?.comment ?? '',
      ];
    }),
  );
  return {
    title: `验收记录 ${v.name}`,
    page: 'A4',
    margin: { top: 15, right: 15, bottom: 15, left: 15 },
    pageNumbers: true,
    blocks: [
      { type: 'title', text: '档案整理验收记录', size: 18, after: 4 },
      { type: 'line', text: `单位：${unit}`, size: 11 },
      { type: 'line', text: `批次：${v.name}　状态：${BATCH_STATUS_LABELS[v.status]}`, size: 11 },
      { type: 'line', text: `范围：${v.scope}`, size: 11 },
      {
        type: 'line',
        text: `案卷 ${r.volumes} 卷，文件 ${r.items} 件，人数 ${r.persons} 人，已扫描 ${r.scanned} 件，问题 ${r.gapCount} 处`,
        size: 11,
      },
      ...gapLines.map((text) => ({ type: 'line' as const, text, size: 10 })),
      {
        type: 'table',
        size: 9,
        columns: [
          { header: '整理人', width: 0.3 },
          { header: '整理事项', width: 0.3 },
          { header: '完成/定量', width: 0.2 },
          { header: '完成期限', width: 0.2 },
        ],
        rows: v.progress.persons.map((p) => [plainName(p.userName), p.task, `${p.done}/${p.target}`, p.dueDate]),
        empty: '（未分配）',
      },
      {
        type: 'table',
        size: 9,
        columns: [
          { header: '序', width: 0.06 },
          { header: '步骤', width: 0.14 },
          { header: '签名身份', width: 0.14 },
          { header: '签名人', width: 0.16 },
          { header: '签名时间', width: 0.22 },
          { header: '意见', width: 0.28 },
        ],
        rows: signRows,
        empty: '',
      },
    ],
  };
}

export async function printAcceptance(ctx: CoreContext, s: Session, id: string): Promise<ArrangementFile> {
  const b = batchRow(ctx, id);
  const view = batchView(ctx, b, s.clearance);
  const report = selfCheck(ctx, b, s.clearance);
  const pdf = await renderPdf(acceptanceDoc(getMeta(ctx, 'unit_name') ?? '', view, report), ctx.clock.now());
  const fileName = `验收记录-${b.name}.pdf`;
  await ctx.lock.run(() =>
    inTransaction(
      ctx,
      () =>
        appendAudit(ctx, actorOf(s), {
          action: 'arrangement.print',
          entity: 'arrangement_batch',
          entityId: b.id,
          summary: `打印验收记录：${b.name}`,
          details: { fileName },
        }),
      { catalogue: false },
    ),
  );
  return { fileName, base64: Buffer.from(pdf.bytes).toString('base64'), pages: pdf.pages };
}
