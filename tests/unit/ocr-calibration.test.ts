import { describe, expect, it } from 'vitest';
import { calibrationTable, type Judged } from '../../scripts/bench/ocr-metrics';
import { DICTIONARIES } from '../../electron/core/forms/dictionary';
import { VARIATION_SEEDS, variationPage } from '../../scripts/fixtures/ocr/variation';
import { fieldConfidence } from '../../electron/core/forms/label-fields';

const j = (confidence: number | null, exact: boolean): Judged => ({ confidence, exact });

describe('calibration table', () => {
  it('puts each field in its band by the lower bound and counts the share exactly right', () => {
    const rows = calibrationTable([
      j(null, false),
      j(null, true),
      j(10, false),
      j(49.9, true),
      j(50, true),
      j(69.9, false),
      j(70, true),
      j(90, true),
      j(94.9, false),
      j(95, true),
      j(100, true),
    ]);
    const by = Object.fromEntries(rows.map((r) => [r.band, r]));
    expect(rows.map((r) => r.band)).toEqual(['null', '<50', '50–70', '70–90', '90–95', '≥95', '≥90']);
    expect(by['null']).toMatchObject({ fields: 2, exact: 1, share: 0.5 });
    expect(by['<50']).toMatchObject({ fields: 2, exact: 1 });
    expect(by['50–70']).toMatchObject({ fields: 2, exact: 1 });
    expect(by['70–90']).toMatchObject({ fields: 1, exact: 1, share: 1 });
    expect(by['90–95']).toMatchObject({ fields: 2, exact: 1 });
    expect(by['≥95']).toMatchObject({ fields: 2, exact: 2, share: 1 });
    expect(by['≥90']).toMatchObject({ fields: 4, exact: 3, share: 0.75 });
  });

  it('reports an empty band with no share rather than 0 or 100%', () => {
    const rows = calibrationTable([j(99, true)]);
    expect(rows.find((r) => r.band === '<50')).toEqual({ band: '<50', fields: 0, exact: 0, share: null });
  });
});

describe('layout-variation set', () => {
  it('keeps the tuning and held-out seed ranges apart', () => {
    const { tuning, 'held-out': held } = VARIATION_SEEDS;
    expect(tuning.to < held.from || held.to < tuning.from).toBe(true);
  });

  it('draws a page with truth for the dictionary fields only, the same bytes for the same seed', async () => {
    const [a, b] = [await variationPage('tuning', 3), await variationPage('tuning', 3)];
    expect(a.data.equals(b.data)).toBe(true);
    const dict = DICTIONARIES.find((d) => d.formType === a.page.templateId)!;
    const keys = new Set(dict.fields.map((f) => f.key));
    expect(Object.keys(a.page.fields!).every((k) => keys.has(k))).toBe(true);
    expect(Object.values(a.page.fields!).filter(Boolean).length).toBeGreaterThan(3);
    expect(a.page.seed).toBe(VARIATION_SEEDS.tuning.from + 3);
  }, 20_000);
});

describe('label field confidence, calibrated', () => {
  const ok = (value: string) => ({ valid: true, corrected: false, value });

  it('keeps an unchecked value under 90 when one of its characters was read with doubt', () => {
    expect(fieldConfidence(95, 1, ok('刘佳怡'), { kind: 'name', low: 91 })).toBeLessThan(90);
    expect(fieldConfidence(95, 1, ok('刘佳怡'), { kind: 'name', low: 95 })).toBe(95);
    expect(
      fieldConfidence(94, 1, ok('湖北省黄冈市黄梅县城南街道幸福路137号'), { kind: 'address', low: 81 }),
    ).toBeLessThan(90);
    // A checked kind (the ID's check digit) is left to its check.
    expect(fieldConfidence(95, 1, ok('330523197906253144'), { kind: 'idNumber', low: 60 })).toBe(95);
  });

  it('doubts an address joined from several lines', () => {
    expect(fieldConfidence(99, 1, ok('浙江省湖州市北港县'), { kind: 'address', low: 99, joined: true })).toBeLessThan(
      90,
    );
    expect(fieldConfidence(99, 1, ok('浙江省湖州市北港县'), { kind: 'address', low: 99, joined: false })).toBe(99);
  });

  it('doubts a value under a fuzzily read label, and a name of an odd length', () => {
    expect(fieldConfidence(99, 0.9, ok('汉族'), { kind: 'enum', low: 99 })).toBeLessThan(90);
    expect(fieldConfidence(99, 1, ok('张'), { kind: 'name', low: 99 })).toBeLessThanOrEqual(80);
    expect(fieldConfidence(99, 1, ok('张三丰丰丰丰'), { kind: 'name', low: 99 })).toBeLessThanOrEqual(80);
  });
});
