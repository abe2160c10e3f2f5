/**
 * From a scanned form to a searchable, verified record, through dispatch on a real
 * SQLite file with real tesseract.js: intake → processing → the durable OCR queue →
 * fields checked → clerk accepts → item filled → full-text search finds the page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicesOf } from '../../electron/core/scan/services';
import type { OcrPage } from '../../scripts/fixtures/ocr/generate';
import { ocrSet } from '../helpers/ocr-set';
import { categoryId, makeTestCore, tempDir, type TestCore } from '../helpers/test-core';

let t: TestCore;
let fixtures: string;
let form: OcrPage;
let itemId: string;

beforeAll(async () => {
  fixtures = tempDir('dangan-ocr-fixtures-');
  const set = await ocrSet(fixtures, { seed: 11, count: 2 });
  form = set.pages.find((p) => p.templateId === 'resident-registration')!;
  t = await makeTestCore();
  const qr = await categoryId(t, 'ZY·HJ·QR');
  itemId = (await t.ok('catalogue.create', { categoryId: qr, year: 2024, orgCode: '', title: '待著录' }, t.adminToken))
    .id;
}, 120_000);

afterAll(async () => {
  await t?.close();
  fs.rmSync(fixtures, { recursive: true, force: true });
});

const b64 = (file: string) => fs.readFileSync(path.join(fixtures, file)).toString('base64');

describe('scan → OCR → verify → search', () => {
  it('takes a form page in, reads its fields, and lets the clerk fill the item from them', async () => {
    const r = await t.ok(
      'intake.importFiles',
      { files: [{ name: form.file, dataBase64: b64(form.file) }], itemId, template: 'auto' },
      t.adminToken,
    );
    expect(r).toMatchObject({ pages: 1, errors: [] });
    await servicesOf(t.core.ctx).runner.idle();

    const [page] = await t.ok('pages.list', { itemId }, t.adminToken);
    expect(page).toMatchObject({ ocrStatus: 'done', templateId: 'resident-registration', verifyStatus: 'pending' });
    expect(page!.exportName).toMatch(/-0001\.(png|jpg)$/);
    expect(Math.abs(page!.skewAngle ?? 99)).toBeLessThan(3);

    const v = await t.ok('verify.get', { id: page!.id }, t.adminToken);
    const got = Object.fromEntries(v.fields.map((f) => [f.key, f.value]));
    const truth = form.fields!;
    expect(got.idNumber).toBe(truth.idNumber);
    expect(got.name).toBe(truth.name);
    expect(got.birthDate).toBe(truth.birthDate);
    const exact = Object.keys(truth).filter((k) => got[k] === truth[k]).length;
    expect(exact / Object.keys(truth).length).toBeGreaterThan(0.8);
    // Invalid fields sort first, so the clerk sees them first.
    const firstValid = v.fields.findIndex((f) => f.valid);
    expect(v.fields.slice(firstValid).every((f) => f.valid)).toBe(true);

    // The clerk corrects what is wrong and accepts: the item gets the person and the date.
    const accepted = await t.ok('verify.accept', { pageId: page!.id, values: { ...got, ...truth } }, t.adminToken);
    expect(accepted.page.verifyStatus).toBe('verified');
    const item = await t.ok('catalogue.get', { id: itemId }, t.adminToken);
    expect(item.persons[0]).toMatchObject({ name: truth.name, idNumber: truth.idNumber });
    expect(item.date).toBe(truth.registerDate);
    expect(item.title).toBe(`常住人口登记表（${truth.name}）`);

    // The page's text is in the index: a phrase from the form finds the item.
    const hits = await t.ok('search.query', { q: truth.name }, t.adminToken);
    expect(hits.hits.map((h) => h.id)).toContain(itemId);
    const byAddress = await t.ok('search.query', { q: truth.address!.slice(0, 6) }, t.adminToken);
    expect(byAddress.hits.map((h) => h.id)).toContain(itemId);
  });

  it('reports a broken file on its own and changes nothing for it', async () => {
    const before = t.count('pages');
    const r = await t.ok(
      'intake.importFiles',
      {
        files: [
          { name: 'empty.jpg', dataBase64: '' },
          { name: 'note.png', dataBase64: Buffer.from('这不是图像').toString('base64') },
        ],
        itemId,
      },
      t.adminToken,
    );
    expect(r.pages).toBe(0);
    expect(r.errors.map((e) => e.file)).toEqual(['empty.jpg', 'note.png']);
    expect(r.errors[0]!.message).toMatch(/0 字节|为空/);
    expect(t.count('pages')).toBe(before);
  });

  it('keeps the original byte for byte, with its fixity verifiable', async () => {
    const [page] = await t.ok('pages.list', { itemId }, t.adminToken);
    const p = t.core.ctx.sqlite.prepare('SELECT original_sha256 FROM pages WHERE id = ?').get(page!.id) as {
      original_sha256: string;
    };
    const store = servicesOf(t.core.ctx).store;
    expect(store.read(p.original_sha256).equals(fs.readFileSync(path.join(fixtures, form.file)))).toBe(true);
    expect(store.verify(p.original_sha256)).toBeNull();
  });
});
