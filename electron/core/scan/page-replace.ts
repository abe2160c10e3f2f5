/**
 * Replacing a page by a rescan. The new file must hold exactly one page; it takes the old
 * page's place (same id, owner and serial), and the old original stays in the store and
 * is named in the audit row, so nothing is lost. The page is read again from scratch:
 * recognised text and unverified fields of the old image no longer apply.
 */
import type { PageView } from '../../contract/scan';
import { pageImage, prepareFile } from './intake';
import { bumpPage, dropPendingFields, loadPage, toPageView } from './pages';
import { servicesOf } from './services';
import { appendAudit } from '../audit';
import {
  recordChange,
  type CoreContext,
  actorOf,
  AppError,
  inTransaction,
  type HandlerEnv,
  sessionOf,
} from '../kernel';
import { writePageText, batchTemplateOf, cancelOcr, queueOcr } from '../ocr';

export async function replacePage(
  env: HandlerEnv,
  input: { id: string; name: string; dataBase64: string },
): Promise<PageView> {
  const s = sessionOf(env);
  const ctx: CoreContext = env.ctx;
  const svc = servicesOf(ctx);
  const old = loadPage(ctx, input.id, s.clearance);
  const bytes = Buffer.from(input.dataBase64, 'base64');
  // Decoding and processing happen before the transaction; only stored blobs exist if it fails.
  const { prepared, errors } = await prepareFile(svc.store, bytes, input.name);
  if (prepared.length + errors.length !== 1)
    throw new AppError(
      'VALIDATION_FAILED',
      `用于替换的文件应只有 1 页，${input.name} 有 ${prepared.length + errors.length} 页`,
    );
  const p = prepared[0]!;
  const original = svc.store.put(bytes);
  const view = inTransaction(ctx, () => {
    loadPage(ctx, input.id, s.clearance); // still there (not removed meanwhile)
    cancelOcr(ctx, input.id);
    const version = bumpPage(ctx, input.id, {
      ...pageImage(p, original.sha256, input.name),
      rotation: 0,
      wordsSha256: null,
      pdfSha256: null,
      ocrEngine: null,
      ocrConfidence: null,
      templateId: null,
      verifyStatus: 'none',
      ocrStatus: 'pending',
      error: null,
    });
    dropPendingFields(ctx, input.id);
    writePageText(ctx, input.id, '');
    if (!p.blank) queueOcr(ctx, input.id, old.batchId, batchTemplateOf(ctx, input.id));
    recordChange(ctx, 'page', input.id, version, 'update');
    appendAudit(ctx, actorOf(s), {
      action: 'page.replace',
      entity: 'page',
      entityId: input.id,
      summary: `第 ${old.seq} 页以重扫件替换（${input.name}）`,
      details: { previous: old.originalSha256, previousPage: old.originalPage, original: original.sha256 },
    });
    return toPageView(loadPage(ctx, input.id, s.clearance));
  });
  svc.runner.kick();
  return view;
}
