/**
 * A 常住人口登记表 in layouts no built-in template describes (other row order and cell
 * widths, label variants 户主或与户主关系, 公民身份证号码, 出生年月日, 工作单位), drawn by
 * the generator's own form renderer, ruled and as "label：value" lines without rules, and
 * read with real tesseract.js: the type comes from the title, the fields from the printed
 * labels, and a field left blank is 未识别 with no confidence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import { readPage, type PageReading } from '../../electron/core/forms/read-page';
import { decodePages } from '../../electron/core/imaging/decode';
import { preparePage } from '../../electron/core/imaging/prepare';
import { stageLangData } from '../../electron/core/ocr/lang-data';
import { OcrPool } from '../../electron/core/ocr/pool';
import { variantPage, type VariantPage } from '../../scripts/fixtures/ocr/variants';
import { tempDir } from '../helpers/test-core';

const pool = new OcrPool({ langDir: stageLangData(tempDir('dangan-tessdata-')), size: 2 });
const pages: Record<'ruled' | 'lines', { v: VariantPage; r: PageReading; seconds: number }> = {} as never;

async function read(layout: 'ruled' | 'lines', seed: number) {
  const v = await variantPage(layout, seed);
  const started = performance.now();
  const [d] = await decodePages({ bytes: v.png, name: `${layout}.png` });
  if (!d?.ok) throw new Error('page did not decode');
  const p = await preparePage(d.page);
  const r = await readPage(pool, p.png, {
    dpi: p.dpi ?? v.dpi,
    template: 'auto',
    templates: BUILTIN_TEMPLATES,
    pdf: false,
  });
  pages[layout] = { v, r, seconds: (performance.now() - started) / 1000 };
}

beforeAll(async () => {
  await Promise.all([read('ruled', 2), read('lines', 3)]);
}, 120_000);

afterAll(async () => {
  await pool.close();
});

describe.each(['ruled', 'lines'] as const)('a 常住人口登记表 in an unseen layout (%s)', (layout) => {
  it('is read by its printed labels: name, ID number, birth date and sex right and sure', () => {
    const { v, r, seconds } = pages[layout];
    const field = (k: string) => r.fields.find((f) => f.key === k)!;
    expect(r.fieldSource).toBe('labels');
    expect(r.template?.id).toBe('resident-registration');
    expect(r.templateMiss).toBeNull();
    for (const k of ['name', 'idNumber', 'birthDate', 'sex']) {
      expect(field(k), k).toMatchObject({ value: v.truth[k], valid: true, status: '已识别' });
      expect(field(k).confidence, k).toBeGreaterThan(70);
    }
    console.log(`${layout}: page read in ${seconds.toFixed(1)} s`);
  });

  it('says 未识别, with no number, for a field left blank', () => {
    const { v, r } = pages[layout];
    const blank = r.fields.filter((f) => v.truth[f.key] === '');
    expect(blank.length).toBeGreaterThan(0);
    for (const f of blank) expect(f, f.key).toMatchObject({ value: '', confidence: null, status: '未识别' });
  });
});
