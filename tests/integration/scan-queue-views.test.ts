/**
 * The intake screen's figures, without reading a page: a batch's page counts by OCR state,
 * cancelling queued OCR by batch or by page, and the verification queue with each page's
 * least confident field and its flagged fields. The OCR runner is stopped, so queued jobs
 * stay queued and nothing depends on the machine's speed.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicesOf } from '../../electron/core/scan/services';
import { makeTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;

beforeAll(async () => {
  t = await makeTestCore();
  servicesOf(t.core.ctx).runner.stop();
}, 60_000);

afterAll(() => t?.close());

/** An inked page (`ink`) or a blank back side. */
const pageFile = async (name: string, ink: boolean) => {
  const mark = ink ? `<rect x="60" y="60" width="300" height="40" fill="#000"/>` : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="620" height="877"><rect width="100%" height="100%" fill="#fff"/>${mark}</svg>`;
  return { name, dataBase64: (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64') };
};

const batchView = async (batchId: string) =>
  (await t.ok('scan.batches', { limit: 50 }, t.adminToken)).find((b) => b.id === batchId);

describe('intake figures', () => {
  let batchId: string;
  let pageIds: string[];

  it('counts a batch’s pages, blank ones and those waiting for OCR', async () => {
    const files = await Promise.all([
      pageFile('a.png', true),
      pageFile('b.png', true),
      pageFile('c.png', true),
      pageFile('blank.png', false),
    ]);
    ({ batchId } = await t.ok('intake.importFiles', { files, template: 'none' }, t.adminToken));
    pageIds = (await t.ok('pages.list', { batchId }, t.adminToken)).filter((p) => !p.blank).map((p) => p.id);
    expect(pageIds).toHaveLength(3);
    expect(await batchView(batchId)).toMatchObject({
      source: 'files',
      status: 'done',
      itemId: null,
      volumeId: null,
      error: null,
      pages: 4,
      blank: 1,
      ocrDone: 0,
      ocrFailed: 0,
      ocrPending: 3,
    });
    expect(await t.ok('ocr.status', {}, t.adminToken)).toMatchObject({ queued: 3, running: 0 });
  });

  it('lists a batch whose only file could not be read with zero counts and its error', async () => {
    const broken = { name: 'broken.png', dataBase64: Buffer.from('not an image').toString('base64') };
    const r = await t.ok('intake.importFiles', { files: [broken], template: 'none' }, t.adminToken);
    expect(r.pages).toBe(0);
    expect(await batchView(r.batchId)).toMatchObject({
      status: 'failed',
      error: '1 处无法读取',
      pages: 0,
      blank: 0,
      ocrDone: 0,
      ocrFailed: 0,
      ocrPending: 0,
    });
  });

  it('cancels queued OCR by page, then by batch, and puts the pages back to pending', async () => {
    expect(await t.ok('ocr.cancel', { pageIds: [] }, t.adminToken)).toEqual({ cancelled: 0 });
    expect(await t.ok('ocr.cancel', { pageIds: [pageIds[0]] }, t.adminToken)).toEqual({ cancelled: 1 });
    expect(await t.ok('ocr.status', {}, t.adminToken)).toMatchObject({ queued: 2 });
    expect(await t.ok('ocr.cancel', { batchId }, t.adminToken)).toEqual({ cancelled: 2 });
    // Nothing left to cancel: the second call changes nothing.
    expect(await t.ok('ocr.cancel', { batchId }, t.adminToken)).toEqual({ cancelled: 0 });
    const pages = await t.ok('pages.list', { batchId }, t.adminToken);
    expect(pages.filter((p) => !p.blank).map((p) => p.ocrStatus)).toEqual(['pending', 'pending', 'pending']);
    expect(await t.ok('ocr.status', {}, t.adminToken)).toMatchObject({ queued: 0, running: 0 });
    // Queued again, the page is counted as waiting once more.
    expect(await t.ok('ocr.enqueue', { pageIds: [pageIds[1]], template: 'none' }, t.adminToken)).toEqual({
      queued: 1,
    });
    expect(await t.ok('ocr.status', {}, t.adminToken)).toMatchObject({ queued: 1 });
  });

  it('queues pages for verification with their least confident read field and their flagged fields', async () => {
    // An OCR result as commit.ts writes it: two fields read, one failing its check, one left empty.
    const db = t.core.ctx.sqlite;
    const insert = db.prepare(
      `INSERT INTO page_fields (page_id, key, label, kind, raw, value, confidence, valid, issue, required, bbox)
       VALUES (?, ?, ?, 'text', ?, ?, ?, ?, NULL, 0, '{"x":0,"y":0,"w":10,"h":10}')`,
    );
    const page = pageIds[2]!;
    insert.run(page, 'name', '姓名', '张三', '张三', 91, 1);
    insert.run(page, 'date', '日期', '2O24', '2O24', 64, 0);
    insert.run(page, 'note', '备注', '', '', 0, 1);
    db.prepare("UPDATE pages SET verify_status = 'pending' WHERE id = ?").run(page);

    const queue = await t.ok('verify.queue', { limit: 10 }, t.adminToken);
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ id: page, verifyStatus: 'pending', worstConfidence: 64, flagged: 1 });

    // The verification view sorts the failed check first, then by rising confidence: the
    // empty field (read at 0) is more doubtful than a name read at 91.
    const view = await t.ok('verify.get', { id: page }, t.adminToken);
    expect(view.fields.map((f) => [f.key, f.valid, f.empty])).toEqual([
      ['date', false, false],
      ['note', true, true],
      ['name', true, false],
    ]);
    expect(Object.keys(view.fields[0]!).sort()).toEqual(
      [
        'accepted',
        'bbox',
        'confidence',
        'empty',
        'issue',
        'key',
        'kind',
        'label',
        'raw',
        'required',
        'status',
        'valid',
        'value',
      ].sort(),
    );
  });
});
