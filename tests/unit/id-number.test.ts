import { describe, expect, it } from 'vitest';
import { checkDigit, parseIdNumber } from '../../electron/core/persons/id-number';

describe('公民身份号码 (GB 11643)', () => {
  it('accepts a valid number with an X check digit in either case and full-width digits', () => {
    expect(parseIdNumber('11010519491231002X')).toMatchObject({ ok: true, info: { sex: '女', birthDate: '19491231' } });
    expect(parseIdNumber('11010519491231002x')).toMatchObject({ ok: true, info: { normalized: '11010519491231002X' } });
    expect(parseIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toMatchObject({ ok: true });
  });
  it('computes the check digit', () => {
    expect(checkDigit('11010519491231002')).toBe('X');
  });
  it('rejects a wrong check digit, an impossible date and a wrong length', () => {
    expect(parseIdNumber('110105194912310021')).toMatchObject({ ok: false, reason: expect.stringContaining('校验位') });
    expect(parseIdNumber('110105194902300028')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('出生日期'),
    });
    expect(parseIdNumber('1101051949123100')).toMatchObject({ ok: false });
  });
});

describe('legacy date cells', () => {
  it('reads an Excel day serial as a date and leaves other text alone', async () => {
    const { excelSerialDate, normalizeDate } = await import('../../electron/core/catalogue/dates');
    expect(excelSerialDate('40607')).toBe('20110305');
    expect(excelSerialDate('2011')).toBe('2011');
    expect(excelSerialDate('20110305')).toBe('20110305');
    expect(normalizeDate('2011年3月5日')).toBe('20110305');
    expect(normalizeDate('2011-02-30')).toBeNull();
  });
});
