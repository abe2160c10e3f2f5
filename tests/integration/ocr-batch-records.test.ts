/**
 * Honest OCR confidence, no forced wrong template, and a batch of verified forms made into
 * records in one step — through dispatch, on a real SQLite file, with real tesseract.js
 * reading one generated 常住人口登记表 twice (once as itself, once under a wrong template).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import { servicesOf } from '../../electron/core/scan/services';
import type { OcrPage } from '../../scripts/fixtures/ocr/generate';
import { ocrSet } from '../helpers/ocr-set';
import { dangan } from '../helpers/cli';
import { categoryId, makeTestCore, tempDir, type TestCore } from '../helpers/test-core';

let t: TestCore;
let fixtures: string;
let form: OcrPage;
/** The batch that read the form as itself, and the one that forced 准予迁入证明 on it. */
let formBatch: string;
let wrongBatch: string;

const resident = BUILTIN_TEMPLATES.find((x) => x.id === 'resident-registration')!;

async function importForm(template: string): Promise<string> {
  const dataBase64 = fs.readFileSync(path.join(fixtures, form.file)).toString('base64');
  const r = await t.ok('intake.importFiles', { files: [{ name: form.file, dataBase64 }], template }, t.adminToken);
  expect(r).toMatchObject({ pages: 1, errors: [] });
  return r.batchId;
}

beforeAll(async () => {
  fixtures = tempDir('dangan-ocr-batch-');
  // Seed 11's first page is a 常住人口登记表 with one mandatory entry left blank.
  const set = await ocrSet(fixtures, { seed: 11, count: 1 });
  form = set.pages[0]!;
  t = await makeTestCore();
  formBatch = await importForm('auto');
  wrongBatch = await importForm('admission-permit');
  await servicesOf(t.core.ctx).runner.idle();
}, 300_000);

afterAll(async () => {
  await t?.close();
  fs.rmSync(fixtures, { recursive: true, force: true });
});

const pageOf = async (batchId: string) => (await t.ok('pages.list', { batchId }, t.adminToken))[0]!;

describe('honest OCR confidence', () => {
  it('reads an empty zone with confidence 0, flags it, and flags the empty required field', async () => {
    const page = await pageOf(formBatch);
    expect(page).toMatchObject({ ocrStatus: 'done', templateId: 'resident-registration', templateNote: null });
    const v = await t.ok('verify.get', { id: page.id }, t.adminToken);
    const blankRequired = resident.fields.find((f) => f.required && form.fields![f.key] === '')!;
    expect(blankRequired).toBeDefined();
    const f = v.fields.find((x) => x.key === blankRequired.key)!;
    expect(f).toMatchObject({ empty: true, required: true, valid: false, issue: '必填项为空' });
    expect(f.confidence).toBe(0);
    // No field read as empty claims any confidence; a field with a value is not marked empty.
    for (const x of v.fields) {
      if (x.empty) expect(x.confidence).toBe(0);
      if (x.value) expect(x.empty).toBe(false);
    }
    const stored = t.core.ctx.sqlite
      .prepare("SELECT max(confidence) FROM page_fields WHERE page_id = ? AND raw = ''")
      .pluck()
      .get(page.id);
    expect(stored).toBe(0);
  });

  it('keeps a page of another form as plain text when a wrong template is forced, and says why', async () => {
    const page = await pageOf(wrongBatch);
    expect(page.ocrStatus).toBe('done');
    expect(page.templateId).toBeNull();
    expect(page.verifyStatus).toBe('none');
    expect(page.templateNote).toMatch(/未匹配表单模板.*准予迁入证明.*普通文字页/);
    const v = await t.ok('verify.get', { id: page.id }, t.adminToken);
    expect(v.fields).toEqual([]);
    expect(v.text).toContain(form.fields!.name);
    expect(t.core.ctx.sqlite.prepare('SELECT count(*) FROM page_fields WHERE page_id = ?').pluck().get(page.id)).toBe(
      0,
    );
  });
});

describe('dangan ocr --template', () => {
  it('says in the command line too that a named template did not match the page, and why', () => {
    const file = path.join(fixtures, form.file);
    const r = dangan(['ocr', file, '--engine', 'tesseract', '--template', 'admission-permit', '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('模板 无');
    expect(r.stdout).toMatch(/未匹配表单模板：.*准予迁入证明/);
    const json = dangan(['ocr', file, '--engine', 'tesseract', '--template', 'admission-permit', '--json']);
    const page = (JSON.parse(json.stdout) as { pages: { template: string | null; templateMiss: string | null }[] })
      .pages[0]!;
    expect(page.template).toBeNull();
    expect(page.templateMiss).toMatch(/准予迁入证明/);
  }, 180_000);
});

describe('a batch of forms becomes records', () => {
  const truth = () => form.fields!;
  let existingPerson: string;

  it('previews nothing to create while the page is not verified', async () => {
    const p = await t.ok('scan.batchRecords.preview', { batchId: formBatch }, t.adminToken);
    expect(p.creatable).toBe(0);
    expect(p.rows[0]!.blockers).toContain('字段尚未核对');
    const wrong = await t.ok('scan.batchRecords.preview', { batchId: wrongBatch }, t.adminToken);
    expect(wrong.rows[0]).toMatchObject({ creatable: false, template: null });
    expect(wrong.rows[0]!.blockers[0]).toMatch(/未匹配表单模板/);
  });

  it('previews the record: category from the form, 年度 from the form date, the known person reused', async () => {
    // The person is already on file from an earlier record.
    const qr = await categoryId(t, 'ZY·HJ·QR');
    const earlier = await t.ok(
      'catalogue.create',
      {
        categoryId: qr,
        year: 2018,
        orgCode: '',
        title: '迁入登记',
        persons: [{ name: truth().name, idNumber: truth().idNumber }],
      },
      t.adminToken,
    );
    existingPerson = earlier.persons[0]!.id!;
    const page = await pageOf(formBatch);
    const v = await t.ok('verify.get', { id: page.id }, t.adminToken);
    const read = Object.fromEntries(v.fields.map((f) => [f.key, f.value]));
    // The clerk fills the blank mandatory entries and accepts; the form is dated 2019.
    await t.ok(
      'verify.accept',
      { pageId: page.id, values: { ...read, ...truth(), handler: '王建国', registerDate: '2019-05-20' } },
      t.adminToken,
    );

    const p = await t.ok('scan.batchRecords.preview', { batchId: formBatch }, t.adminToken);
    expect(p.creatable).toBe(1);
    expect(p.rows[0]).toMatchObject({
      pageId: page.id,
      creatable: true,
      blockers: [],
      category: { fullCode: 'ZY·HJ' },
      title: `常住人口登记表（${truth().name}）`,
      date: '2019-05-20',
      year: 2019,
      persons: [{ name: truth().name, idNumber: truth().idNumber, existing: true }],
    });
  });

  it('refuses a row that cannot be made, and writes nothing', async () => {
    const wrong = await pageOf(wrongBatch);
    const items = t.count('items');
    const r = await t.call('scan.batchRecords.commit', { batchId: wrongBatch, pageIds: [wrong.id] }, t.adminToken);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('VALIDATION_FAILED');
    const other = await t.call('scan.batchRecords.commit', { batchId: wrongBatch, pageIds: [] }, t.adminToken);
    expect(other.ok).toBe(false);
    expect(t.count('items')).toBe(items);
  });

  it('commits: one item and one audit entry per record, the page attached, the person not duplicated', async () => {
    const page = await pageOf(formBatch);
    const [items, persons, audits, changes] = ['items', 'persons', 'audit_log', 'change_log'].map((x) => t.count(x));
    const r = await t.ok('scan.batchRecords.commit', { batchId: formBatch, pageIds: [page.id] }, t.adminToken);
    expect(r.created).toHaveLength(1);
    expect(t.count('items')).toBe(items! + 1);
    expect(t.count('persons')).toBe(persons);
    expect(t.count('audit_log')).toBe(audits! + r.created.length);
    expect(t.count('change_log')).toBeGreaterThan(changes!);

    const item = await t.ok('catalogue.get', { id: r.created[0]!.itemId }, t.adminToken);
    expect(item).toMatchObject({
      year: 2019,
      date: '20190520',
      title: `常住人口登记表（${truth().name}）`,
      categoryCode: 'ZY·HJ',
      pageCount: 1,
    });
    expect(item.archiveCode).toContain('·2019-');
    expect(item.persons).toEqual([{ id: existingPerson, name: truth().name, idNumber: truth().idNumber }]);
    expect(item.extra).toMatchObject({ handler: '王建国', idNumber: truth().idNumber });
    const [attached] = await t.ok('pages.list', { itemId: item.id }, t.adminToken);
    expect(attached).toMatchObject({ id: page.id, seq: 1 });
    const hits = await t.ok('search.query', { q: truth().name }, t.adminToken);
    expect(hits.hits.map((h) => h.id)).toContain(item.id);

    // The same page cannot become a second record.
    const again = await t.ok('scan.batchRecords.preview', { batchId: formBatch }, t.adminToken);
    expect(again.rows[0]!.creatable).toBe(false);
    expect(again.rows[0]!.blockers[0]).toMatch(/已挂接到/);
  });
});
