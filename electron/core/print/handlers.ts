/** The print.* methods: a document laid out, rendered to PDF, and its printing audited. */
import { PRINT_KIND_LABELS, type PrintResult } from '../../contract/print';
import type { MethodParsed } from '../../contract/methods';
import { appendAudit } from '../audit';
import { actorOf, type CoreContext, getMeta, type Handlers, inTransaction, type Session, sessionOf } from '../kernel';
import { prepareDocument } from './documents';
import { labelHandlers } from './label-handlers';
import { renderPdf } from './render';
import { writeWorkbook } from './workbook';

const stamp = (d: Date) =>
  [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]
    .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0'))
    .join('');

/** A file name without characters Windows refuses (a 档号 holds · and -, both fine). */
const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');

export async function printDocument(
  ctx: CoreContext,
  s: Session,
  r: MethodParsed<'print.document'>,
): Promise<PrintResult> {
  const doc = prepareDocument(ctx, s.clearance, r);
  const now = ctx.clock.now();
  // A workbook has no pages and no font: nothing is missing from it.
  const pdf =
    r.format === 'xlsx'
      ? { bytes: await writeWorkbook(ctx, doc, getMeta(ctx, 'unit_name') ?? ''), pages: 0, missingChars: [] }
      : await renderPdf(doc.spec, now);
  const label = PRINT_KIND_LABELS[r.kind];
  const fileName = safe(`${label}-${doc.subject}-${stamp(now)}.${r.format}`);
  // Who printed what: the entry carries the highest 密级 printed, so it hides from those below.
  await ctx.lock.run(() =>
    inTransaction(
      ctx,
      () =>
        appendAudit(ctx, actorOf(s), {
          action: 'print.document',
          entity: doc.volumeId ? 'volume' : 'item',
          entityId: doc.volumeId,
          summary:
            r.format === 'xlsx'
              ? `导出${label}（${doc.subject}，${doc.rows} 条，Excel）`
              : `打印${label}（${doc.subject}，${doc.rows} 条，${pdf.pages} 页）`,
          details: {
            kind: r.kind,
            format: r.format,
            fileName,
            rows: doc.rows,
            pages: pdf.pages,
            categoryCode: r.categoryCode ?? null,
            year: r.year ?? null,
            securityLevel: doc.securityLevel,
            missingChars: pdf.missingChars,
          },
        }),
      // Only an audit row: the catalogue's cached views stay valid.
      { catalogue: false },
    ),
  );
  return {
    fileName,
    format: r.format,
    base64: Buffer.from(pdf.bytes).toString('base64'),
    pages: pdf.pages,
    rows: doc.rows,
    missingChars: pdf.missingChars,
  };
}

export const printHandlers = {
  'print.document': (env, r) => printDocument(env.ctx, sessionOf(env), r),
  ...labelHandlers,
} satisfies Partial<Handlers>;
