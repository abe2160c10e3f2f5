/**
 * Page actions that change what OCR must read: a page scanned upside down is turned
 * and read again; a bad scan is replaced by a rescan, the old original kept in the
 * store and named in the audit. Real SQLite, real tesseract.js, generated pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editDistance } from '../../electron/core/ocr/text';
import { servicesOf } from '../../electron/core/scan/services';
import type { OcrPage } from '../../scripts/fixtures/ocr/generate';
import { ocrSet } from '../helpers/ocr-set';
import { categoryId, makeTestCore, tempDir, type TestCore } from '../helpers/test-core';

let t: TestCore;
let fixtures: string;
let prose: OcrPage;
let itemId: string;

beforeAll(async () => {
  fixtures = tempDir('dangan-page-actions-');
  const set = await ocrSet(fixtures, { seed: 5, count: 2 });
  prose = set.pages.find((p) => p.kind === 'text')!;
  t = await makeTestCore();
  const qr = await categoryId(t, 'ZY·HJ·QR');
  itemId = (
    await t.ok('catalogue.create', { categoryId: qr, year: 2024, orgCode: '', title: '说明材料' }, t.adminToken)
  ).id;
}, 120_000);

afterAll(async () => {
  await t?.close();
  fs.rmSync(fixtures, { recursive: true, force: true });
});

const squash = (s: string) => s.replace(/\s+/g, '');
/** Character error rate of the page's recognised text against the generator's truth. */
async function cerOf(pageId: string): Promise<number> {
  await servicesOf(t.core.ctx).runner.idle();
  const v = await t.ok('verify.get', { id: pageId }, t.adminToken);
  const truth = squash(prose.text);
  return editDistance(squash(v.text), truth) / truth.length;
}

describe('page actions that change the image', () => {
  let pageId: string;

  it('reads a page again after the clerk turns it upright', async () => {
    const upsideDown = await sharp(path.join(fixtures, prose.file)).rotate(180).png().toBuffer();
    await t.ok(
      'intake.importFiles',
      { files: [{ name: 'upside-down.png', dataBase64: upsideDown.toString('base64') }], itemId, template: 'none' },
      t.adminToken,
    );
    const listed = await t.ok('pages.list', { itemId }, t.adminToken);
    expect(listed).toHaveLength(1);
    pageId = listed[0]!.id;
    const before = await cerOf(pageId);
    expect(before).toBeGreaterThan(0.5);

    const turned = await t.ok('pages.rotate', { id: pageId, quarterTurns: 2 }, t.adminToken);
    expect(turned.ocrStatus).toBe('queued');
    const after = await cerOf(pageId);
    expect(after).toBeLessThan(0.2);
    const hits = await t.ok('search.query', { q: squash(prose.text).slice(4, 10) }, t.adminToken);
    expect(hits.hits.map((h) => h.id)).toContain(itemId);
  }, 180_000);

  it('replaces a page by a rescan and keeps the old original', async () => {
    const old = t.core.ctx.sqlite.prepare('SELECT original_sha256, seq FROM pages WHERE id = ?').get(pageId) as {
      original_sha256: string;
      seq: number;
    };
    const rescan = fs.readFileSync(path.join(fixtures, prose.file));
    const page = await t.ok(
      'pages.replace',
      { id: pageId, name: 'rescan.png', dataBase64: rescan.toString('base64') },
      t.adminToken,
    );
    expect(page).toMatchObject({ id: pageId, seq: old.seq, rotation: 0, ocrStatus: 'queued' });
    expect(await cerOf(pageId)).toBeLessThan(0.2);

    const store = servicesOf(t.core.ctx).store;
    const now = t.core.ctx.sqlite.prepare('SELECT original_sha256 FROM pages WHERE id = ?').pluck().get(pageId);
    expect(store.read(now as string).equals(rescan)).toBe(true);
    expect(store.verify(old.original_sha256)).toBeNull();
    const audit = t.core.ctx.sqlite
      .prepare("SELECT details FROM audit_log WHERE action = 'page.replace' AND entity_id = ?")
      .pluck()
      .get(pageId) as string;
    expect(JSON.parse(audit)).toMatchObject({ previous: old.original_sha256 });
  }, 180_000);

  it('refuses a rescan of more than one page and changes nothing', async () => {
    const one = await sharp({ create: { width: 400, height: 560, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const twoPages = await sharp([one, one], { join: { animated: true } })
      .tiff()
      .toBuffer();
    const before = t.core.ctx.sqlite.prepare('SELECT version, original_sha256 FROM pages WHERE id = ?').get(pageId);
    const bad = twoPages;
    const r = await t.call(
      'pages.replace',
      { id: pageId, name: 'two.tif', dataBase64: bad.toString('base64') },
      t.adminToken,
    );
    if (r.ok) throw new Error('a two-page rescan was accepted');
    const err = r.error;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toContain('2 页');
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    expect(t.core.ctx.sqlite.prepare('SELECT version, original_sha256 FROM pages WHERE id = ?').get(pageId)).toEqual(
      before,
    );
  });
});
