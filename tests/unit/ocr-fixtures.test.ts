import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../electron/core/persons/id-number';
import { builtinTemplate } from '../../electron/core/forms/builtin';
import { VOCAB } from '../../electron/core/forms/vocab';
import { stripCjkSpaces } from '../../electron/core/ocr/text';
import { generateOcrSet, type OcrSetManifest } from '../../scripts/fixtures/ocr/generate';
import { cer, fieldExactMatch, p50, p95, mean } from '../../scripts/bench/ocr-metrics';
import { runNativeTesseract } from '../../scripts/bench/ocr-native';

const TESSERACT = '/usr/bin/tesseract';

describe('generated OCR test set', () => {
  let a: string;
  let b: string;
  let manifest: OcrSetManifest;

  beforeAll(async () => {
    a = await mkdtemp(path.join(os.tmpdir(), 'ocr-set-a-'));
    b = await mkdtemp(path.join(os.tmpdir(), 'ocr-set-b-'));
    manifest = await generateOcrSet(a, { seed: 7, count: 6 });
    await generateOcrSet(b, { seed: 7, count: 6 });
  });
  afterAll(async () => {
    await rm(a, { recursive: true, force: true });
    await rm(b, { recursive: true, force: true });
  });

  it('is byte-identical for the same seed', async () => {
    const files = (await readdir(a)).sort();
    expect(files).toEqual((await readdir(b)).sort());
    expect(files).toContain('manifest.json');
    expect(files).toHaveLength(7);
    for (const f of files)
      expect((await readFile(path.join(a, f))).equals(await readFile(path.join(b, f))), f).toBe(true);
  });

  it('mixes forms and prose, with the page geometry it records', () => {
    expect(manifest.seed).toBe(7);
    expect(manifest.pages.filter((p) => p.kind === 'form').length).toBeGreaterThanOrEqual(3);
    expect(manifest.pages.filter((p) => p.kind === 'text').length).toBeGreaterThanOrEqual(1);
    for (const p of manifest.pages) {
      expect(Math.abs(p.rotation)).toBeLessThanOrEqual(2);
      expect(Math.abs(p.offsetMm.x)).toBeLessThanOrEqual(3);
      expect(Math.abs(p.offsetMm.y)).toBeLessThanOrEqual(3);
      expect([200, 300]).toContain(p.dpi);
      expect(p.width).toBe(Math.round((210 / 25.4) * p.dpi));
      expect(p.file.endsWith('.jpg')).toBe(p.noise.some((n) => n.startsWith('jpeg:')));
    }
  });

  it('prints valid 公民身份号码 that agree with birth date and sex', () => {
    const forms = manifest.pages.filter((p) => p.fields?.idNumber);
    expect(forms.length).toBeGreaterThanOrEqual(3);
    for (const p of forms) {
      const f = p.fields!;
      const id = parseIdNumber(f.idNumber!);
      expect(id.ok, `${p.file}: ${f.idNumber}`).toBe(true);
      if (!id.ok) continue;
      expect(id.info.normalized).toBe(f.idNumber);
      if ('birthDate' in f) expect(f.birthDate).toBe(id.info.birthDate);
      if ('sex' in f) expect(f.sex).toBe(id.info.sex);
    }
  });

  it('has a truth entry for every template field, with normalised dates, and prose of 400–900 characters', () => {
    for (const p of manifest.pages) {
      if (p.kind === 'text') {
        const n = p.text.replace(/\s/g, '').length;
        expect(n).toBeGreaterThanOrEqual(400);
        expect(n).toBeLessThanOrEqual(900);
        continue;
      }
      const t = builtinTemplate(p.templateId!)!;
      expect(Object.keys(p.fields!).sort()).toEqual(t.fields.map((f) => f.key).sort());
      for (const f of t.fields) {
        const v = p.fields![f.key]!;
        if (v && f.kind === 'date') expect(v, f.key).toMatch(/^(19|20)\d{6}$/);
        if (v && f.kind === 'digits') expect(v, f.key).toMatch(/^[1-9]\d{2,10}$/);
        if (v && f.kind === 'enum') expect(VOCAB[f.enumOf!], f.key).toContain(v);
      }
      expect(p.text.split('\n')[0]).toBe(t.titles[0]);
    }
  });

  // CI installs tesseract-ocr (.ci/run); only a developer machine without it skips this.
  if (process.env.CI && !existsSync(TESSERACT)) throw new Error(`${TESSERACT} missing: install tesseract-ocr`);
  it.skipIf(!existsSync(TESSERACT))('is readable: native Tesseract gets a prose page at CER < 0.25', async () => {
    const page = manifest.pages.find((p) => p.kind === 'text')!;
    // One OpenMP thread: on a busy two-core machine the default threads spin and take ~4× longer.
    const r = await runNativeTesseract(path.join(a, page.file), { binary: TESSERACT, singleThread: true });
    expect(cer(page.text, r.text)).toBeLessThan(0.25);
  });
});

describe('OCR metrics', () => {
  it('computes the character error rate without whitespace', () => {
    expect(cer('常住人口登记表', '常住人口登记表')).toBe(0);
    expect(cer('0123456789', '0123456709')).toBeCloseTo(0.1, 10);
    expect(cer('常住 人口\n登记表', '常 住人口登 记 表')).toBe(0);
    expect(cer('公安局', '')).toBe(1);
    expect(cer('abc', 'abxc')).toBeCloseTo(1 / 3, 10);
    expect(cer('', '')).toBe(0);
  });

  it('counts exact field matches, scoring blank required fields only', () => {
    const fields = [
      { key: 'name', kind: 'name' },
      { key: 'formerName', kind: 'name' },
      { key: 'handler', kind: 'name', required: true },
      { key: 'date', kind: 'date', required: true },
    ];
    const truth = { name: '张三', formerName: '', handler: '', date: '20200102' };
    const s = fieldExactMatch(
      truth,
      { name: ' 张三 ', formerName: '张小三', handler: '李四', date: '20200102' },
      fields,
    );
    expect(s).toMatchObject({ total: 3, exact: 2, misses: ['handler'] });
    expect(s.byKind).toEqual({ name: { total: 2, exact: 1 }, date: { total: 1, exact: 1 } });
    expect(fieldExactMatch({ a: 'x', b: '' }, { a: 'x' })).toMatchObject({ total: 1, exact: 1 });
  });

  it('summarises', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(p50([4, 1, 3, 2])).toBe(2.5);
    expect(p95(Array.from({ length: 21 }, (_, i) => i))).toBe(19);
  });
});

describe('stripCjkSpaces', () => {
  it('removes the spaces Tesseract puts between CJK characters and punctuation', () => {
    expect(stripCjkSpaces('常 住 人 口 登 记 表')).toBe('常住人口登记表');
    expect(stripCjkSpaces('经 审 核 ， 情 况 属 实 。')).toBe('经审核，情况属实。');
    expect(stripCjkSpaces('（ 县 ） 其 他 住 址')).toBe('（县）其他住址');
  });
  it('joins numbers to the characters around them', () => {
    expect(stripCjkSpaces('2021 年 5 月 3 日')).toBe('2021年5月3日');
  });
  it('keeps spaces between Latin words and numbers, and keeps line breaks', () => {
    expect(stripCjkSpaces('Tesseract OCR 5.3')).toBe('Tesseract OCR 5.3');
    expect(stripCjkSpaces('使用 Excel 表格')).toBe('使用 Excel 表格');
    expect(stripCjkSpaces('姓 名\n张 三')).toBe('姓名\n张三');
    expect(stripCjkSpaces('电话 138 0000 0000')).toBe('电话138 0000 0000');
  });
});
