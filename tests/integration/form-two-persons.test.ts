/**
 * Two persons' 常住人口登记表 on one scanned sheet (the variation set's pair layout, a tuning
 * seed), read with real tesseract.js: the page is cut between the two forms, the first
 * person's fields are the page's and the second person's come apart, each matching its own
 * truth — neither is lost nor mixed into the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import { readPage, type PageReading } from '../../electron/core/forms/read-page';
import { decodePages } from '../../electron/core/imaging/decode';
import { preparePage } from '../../electron/core/imaging/prepare';
import { stageLangData } from '../../electron/core/ocr/lang-data';
import { OcrPool } from '../../electron/core/ocr/pool';
import { variationPage, type VariationPage } from '../../scripts/fixtures/ocr/variation';
import { tempDir } from '../helpers/test-core';

/** Tuning page 21: a typed 常住人口登记表 pair, JPEG, a seal on the second person's form. */
const INDEX = 20;

const pool = new OcrPool({ langDir: stageLangData(tempDir('dangan-tessdata-')), size: 2 });
let page: VariationPage;
let r: PageReading;

beforeAll(async () => {
  const started = performance.now();
  const v = await variationPage('tuning', INDEX);
  page = v.page;
  const [d] = await decodePages({ bytes: v.data, name: page.file });
  if (!d?.ok) throw new Error('page did not decode');
  const p = await preparePage(d.page);
  r = await readPage(pool, p.png, { dpi: p.dpi, template: 'auto', templates: BUILTIN_TEMPLATES, pdf: false });
  console.log(`pair page generated and read in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}, 120_000);

afterAll(async () => {
  await pool.close();
});

describe('two persons on one page', () => {
  it('is drawn as a pair, with both persons in its truth', () => {
    expect(page.layout).toBe('pair');
    expect(page.templateId).toBe('resident-registration');
    expect(page.otherPersons).toHaveLength(1);
    expect(page.otherPersons![0]!.name).not.toBe(page.fields!.name);
  });

  it('reads the first person as the page fields and the second apart, each by its own labels', () => {
    expect(r.fieldSource).toBe('labels');
    expect(r.template?.id).toBe('resident-registration');
    expect(r.otherPersons).toHaveLength(1);
    const persons = [
      { truth: page.fields!, fields: r.fields },
      { truth: page.otherPersons![0]!, fields: r.otherPersons![0]! },
    ];
    for (const [i, { truth, fields }] of persons.entries())
      for (const k of ['name', 'idNumber', 'birthDate', 'sex'])
        expect(
          fields.find((f) => f.key === k),
          `person ${i + 1}: ${k}`,
        ).toMatchObject({ value: truth[k], valid: true, status: '已识别' });
  });
});
