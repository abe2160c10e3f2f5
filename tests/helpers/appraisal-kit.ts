/**
 * What the appraisal tests share (tests/integration/appraisal*.test.ts): a scanned page with its OCR
 * text as intake and the OCR runner leave them, search hits, a refusal that must change nothing,
 * and a printed PDF's text. `core()` is read at each call: the files make their core in beforeAll.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { pageTexts } from '../../db/schema';
import { inTransaction, recordChange } from '../../electron/core/kernel';
import { insertPage } from './page-rows';
import type { TestCore } from './test-core';

/** Every table an appraisal step may write: a refusal leaves each count as it was. */
const TABLES = [
  'appraisal_decisions',
  'destruction_lists',
  'destruction_tombstones',
  'legal_holds',
  'opening_reviews',
  'security_changes',
  'signatures',
  'items',
  'volumes',
  'pages',
  'page_texts',
  'audit_log',
  'change_log',
];

export function appraisalKit(core: () => TestCore) {
  const rows = () => TABLES.map((n) => core().count(n));
  return {
    rows,
    /** A scanned page and its OCR text, as intake and the OCR runner would leave them. */
    scanned(itemId: string, text: string) {
      const ctx = core().core.ctx;
      const now = ctx.nowIso();
      inTransaction(ctx, () => {
        const pageId = insertPage(ctx, { itemId }, 1, { processedSha256: 'b'.repeat(64) });
        const id = ctx.ids();
        ctx.orm
          .insert(pageTexts)
          .values({ id, nodeId: 'n', itemId, pageNo: 1, pageId, text, source: 'ocr', createdAt: now, updatedAt: now })
          .run();
        recordChange(ctx, 'page_text', id, 1, 'insert');
      });
    },
    found: async (q: string, token = core().adminToken) =>
      (await core().ok('search.query', { q, filters: { status: 'all' } }, token)).hits.map((h) => h.id),
    /** Refused with `code` and a Chinese message (exactly `message` when given), every table as it was; the message. */
    async refused(
      method: Parameters<TestCore['call']>[0],
      input: unknown,
      token: string,
      code: string,
      message?: string | RegExp,
    ): Promise<string> {
      const before = rows();
      const r = await core().call(method, input, token);
      expect(r.ok ? 'ok' : r.error.code).toBe(code);
      if (!r.ok) {
        expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
        if (message !== undefined) expect(r.error.message).toMatch(message);
      }
      expect(rows()).toEqual(before);
      return r.ok ? '' : r.error.message;
    },
    pdfText(base64: string) {
      const f = path.join(core().dir, `out-${Math.random().toString(36).slice(2)}.pdf`);
      fs.writeFileSync(f, Buffer.from(base64, 'base64'));
      return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
    },
  };
}
