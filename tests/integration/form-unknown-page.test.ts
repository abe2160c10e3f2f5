/**
 * Issue 17's bad input, on generated pages read with real tesseract.js: a form of a type
 * no dictionary knows (来访人员登记表) read from the hot path of intake and offered as a
 * new template (forms.templates.proposeFromPage), one zone per label/value pair on its
 * value; the same form upside down (found cheaply and read turned); a letter (no fields);
 * two forms on one page (the first only, said). A label left blank stays empty and the
 * note with no label is no field: what is trusted is given, nothing is invented.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateProposal } from '../../electron/contract';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import { readPage, type PageReading } from '../../electron/core/forms/read-page';
import { decodePages } from '../../electron/core/imaging/decode';
import { preparePage } from '../../electron/core/imaging/prepare';
import { stageLangData } from '../../electron/core/ocr/lang-data';
import { OcrPool } from '../../electron/core/ocr/pool';
import { servicesOf } from '../../electron/core/scan/services';
import {
  LOOSE_NOTE,
  VISITOR_VALUES,
  prosePage,
  twoFormsPage,
  visitorPage,
} from '../../scripts/fixtures/ocr/unknown-pages';
import { makeTestCore, tempDir, type TestCore } from '../helpers/test-core';

const pool = new OcrPool({ langDir: stageLangData(tempDir('dangan-tessdata-')), size: 2 });
let t: TestCore;
let pageId: string;
const read: Record<'upside' | 'prose' | 'two', PageReading> = {} as never;
let seconds = 0;

async function readOne(png: Buffer): Promise<PageReading> {
  const [d] = await decodePages({ bytes: png, name: 'page.png' });
  if (!d?.ok) throw new Error('page did not decode');
  const p = await preparePage(d.page);
  return readPage(pool, p.png, { dpi: p.dpi ?? 200, template: 'auto', templates: BUILTIN_TEMPLATES, pdf: false });
}

beforeAll(async () => {
  const started = performance.now();
  t = await makeTestCore();
  const intake = async () => {
    const png = await visitorPage();
    await t.ok(
      'intake.importFiles',
      { files: [{ name: 'visitor.png', dataBase64: png.toString('base64') }], template: 'auto' },
      t.adminToken,
    );
    pageId = (await t.ok('pages.list', { tray: true }, t.adminToken))[0]!.id;
    await servicesOf(t.core.ctx).runner.idle();
  };
  const direct = async () => {
    read.upside = await readOne(await visitorPage(180));
    read.prose = await readOne(await prosePage());
    read.two = await readOne(await twoFormsPage());
  };
  await Promise.all([intake(), direct()]);
  seconds = (performance.now() - started) / 1000;
}, 120_000);

afterAll(async () => {
  await pool.close();
  await t?.close();
});

describe('a page of a form type no dictionary knows', () => {
  let proposal: TemplateProposal;
  beforeAll(async () => {
    proposal = await t.ok('forms.templates.proposeFromPage', { pageId }, t.adminToken);
    console.log(`unknown-form pages read in ${seconds.toFixed(1)} s`);
  });

  it('is offered as a new template: one zone per pair, on its value, label and kind filled in', () => {
    const byLabel = (l: string) => proposal.fields.find((f) => f.label === l)!;
    expect(proposal.fields.map((f) => f.label)).toEqual([
      '姓名',
      '性别',
      '公民身份号码',
      '来访日期',
      '联系电话',
      '来访事由',
      '接待人',
    ]);
    expect(proposal.fields.map((f) => f.kind)).toEqual(['name', 'sex', 'idNumber', 'date', 'digits', 'text', 'name']);
    expect(proposal.values).toMatchObject({
      name: VISITOR_VALUES.name,
      sex: VISITOR_VALUES.sex,
      idNumber: VISITOR_VALUES.idNumber,
    });
    // The zone lies on the printed value cell (姓名's value cell is 45–90 mm across, 45–57 mm down).
    const name = byLabel('姓名').box;
    expect(name.x).toBeGreaterThan(44);
    expect(name.x + name.w).toBeLessThan(91);
    expect(name.y).toBeGreaterThan(44);
    expect(name.y + name.h).toBeLessThan(58);
    expect(proposal.frame).not.toBeNull();
  });

  it('leaves a label with no value empty and gives the note with no label to no field', () => {
    const host = proposal.fields.find((f) => f.label === '接待人')!;
    expect(proposal.values[host.key]).toBe('');
    expect(Object.values(proposal.values).some((v) => v.includes(LOOSE_NOTE))).toBe(false);
    expect(proposal.notes).toContain('1 个标签旁未找到值（未识别）');
  });

  it('is saved only when the clerk saves it: the proposal changes nothing', async () => {
    const audit = t.count('audit_log');
    await t.ok('forms.templates.proposeFromPage', { pageId }, t.adminToken);
    expect(t.count('audit_log')).toBe(audit);
    expect(await t.call('forms.templates.proposeFromPage', { pageId: 'nope' }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('bad input', () => {
  it('a form upside down is found and read turned: its pairs come out', () => {
    const r = read.upside;
    expect(r.turned).toBe(true);
    expect(r.confidence).toBeGreaterThan(80);
    const pairs = new Map(r.pairs!.map((p) => [p.label, p.value]));
    expect(pairs.get('姓名')).toBe(VISITOR_VALUES.name);
    expect(pairs.get('公民身份号码')).toBe(VISITOR_VALUES.idNumber);
  });

  it('a letter gives its text and no fields', () => {
    const r = read.prose;
    expect(r.text).toContain('户籍档案');
    expect(r.fields).toEqual([]);
    expect(r.pairs).toEqual([]);
    expect(r.turned).toBeUndefined();
  });

  it('two forms on one page: the pairs of the first only', () => {
    const r = read.two;
    expect(r.fields).toEqual([]);
    expect(r.pairs!.map((p) => [p.label, p.value])).toEqual([
      ['姓名', '周建国'],
      ['住址', '北京市东城区和平里街道'],
    ]);
  });
});
