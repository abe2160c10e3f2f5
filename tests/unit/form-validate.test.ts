import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import { detectTemplate } from '../../electron/core/forms/detect';
import { checkDate, checkEnum, checkField, checkIdNumber, checkSex } from '../../electron/core/forms/validate';
import { placer } from '../../electron/core/forms/zones';
import { checkDigit } from '../../electron/core/persons/id-number';

const ID = '11010519850312001' + checkDigit('11010519850312001');

describe('form field checks', () => {
  it('accepts a valid ID number, maps look-alike letters back, and refuses a wrong length', () => {
    expect(checkIdNumber(ID)).toMatchObject({ value: ID, valid: true, corrected: false });
    expect(checkIdNumber(ID.replace('0', 'O').replace('1', 'l'))).toMatchObject({ value: ID, valid: true });
    expect(checkIdNumber(ID.slice(0, 17))).toMatchObject({ valid: false });
  });

  it('corrects one misread digit only when exactly one candidate agrees with the form', () => {
    // Position 15 (the sequence) misread: many single-digit repairs pass the check digit,
    // but the birth date and sex on the form leave exactly one.
    const wrong = ID.slice(0, 15) + ((Number(ID[15]) + 3) % 10) + ID.slice(16);
    const loose = checkIdNumber(wrong);
    expect(loose.valid).toBe(false);
    expect(loose.issue).toMatch(/人工核对|校验位/);
    const pinned = checkIdNumber(wrong, { birthDate: '19850312', sex: '男' });
    if (pinned.valid) {
      expect(pinned.value).toBe(ID);
      expect(pinned.corrected).toBe(true);
    } else expect(pinned.issue).toMatch(/人工核对/);
    // A misread birth-date digit is pinned down by the form's birth date.
    const badDate = ID.slice(0, 10) + '04' + ID.slice(12);
    const fixed = checkIdNumber(badDate, { birthDate: '19850312', sex: '男' });
    expect(fixed).toMatchObject({ valid: true, value: ID, corrected: true });
  });

  it("puts back one lost digit only with the form's birth date, and only when one number fits", () => {
    // The '3' of the birth date's 0312 lost, as PP-OCR dropped one on a held-out page.
    const lost = ID.slice(0, 12) + ID.slice(13);
    expect(lost).toHaveLength(17);
    expect(checkIdNumber(lost)).toMatchObject({ valid: false });
    const fixed = checkIdNumber(lost, { birthDate: '19850312', sex: '男' });
    expect(fixed).toMatchObject({ valid: true, value: ID, corrected: true });
    expect(fixed.issue).toContain('补回');
    // A birth date on the form that no repair agrees with leaves it a failure.
    expect(checkIdNumber(lost, { birthDate: '19860101', sex: '男' })).toMatchObject({ valid: false });
  });

  it('reads dates in the ways forms write them, and refuses impossible ones', () => {
    expect(checkDate('1985年3月12日').value).toBe('19850312');
    expect(checkDate('1985.03.12').value).toBe('19850312');
    expect(checkDate('19850312').value).toBe('19850312');
    expect(checkDate('1985年2月30日')).toMatchObject({ valid: false });
    expect(checkDate('').valid).toBe(true);
  });

  it('checks sex against the ID number and snaps enumerations to their lists', () => {
    expect(checkSex('女', { idNumber: ID })).toMatchObject({ valid: false });
    expect(checkSex('男', { idNumber: ID })).toMatchObject({ valid: true, value: '男' });
    expect(checkEnum('汉', 'ethnicity')).toMatchObject({ valid: true, value: '汉族' });
    expect(checkEnum('大学木科', 'education')).toMatchObject({ valid: true, value: '大学本科', corrected: true });
    expect(checkEnum('火星人', 'ethnicity').valid).toBe(false);
    expect(checkField('name', '', { required: true })).toMatchObject({ valid: false, issue: '必填项为空' });
  });

  it('reads a digit for the capital of a blood type only when one type fits', () => {
    expect(checkEnum('0型', 'blood')).toMatchObject({ valid: true, value: 'O型', corrected: true });
    expect(checkEnum('A8型', 'blood')).toMatchObject({ valid: true, value: 'AB型', corrected: true });
    expect(checkEnum('8型', 'blood')).toMatchObject({ valid: true, value: 'B型' });
    // 3 looks like none of A, B, O: three types are as near, so the clerk decides.
    expect(checkEnum('3型', 'blood').valid).toBe(false);
  });

  it('corrects a date whose year cannot be on paper when one digit of it can be, and flags it otherwise', () => {
    const opts = { thisYear: 2026 };
    expect(checkField('date', '2112年09月04日', opts)).toMatchObject({
      valid: true,
      value: '20120904',
      corrected: true,
    });
    expect(checkField('date', '1112.09.04', opts)).toMatchObject({ valid: true, value: '19120904', corrected: true });
    // 2099 could be 2009 or 2019 (or 2029 … none later than next year): two candidates.
    expect(checkField('date', '2099.05.01', opts)).toMatchObject({ valid: false, value: '20990501' });
    expect(checkField('date', '2099.05.01', opts).issue).toMatch(/人工核对/);
    // Next year is plausible (a 有效期至), and a plain date passes untouched.
    expect(checkField('date', '2027.01.31', opts)).toMatchObject({ valid: true, value: '20270131', corrected: false });
    expect(checkField('date', '1985年3月12日', opts)).toMatchObject({
      valid: true,
      value: '19850312',
      corrected: false,
    });
    // checkDate itself only parses (the OCR benchmark scores raw values through it).
    expect(checkDate('2112年09月04日').value).toBe('21120904');
  });
});

describe('templates', () => {
  it('finds the form by a slightly misread title in the page head only', () => {
    const line = (text: string, y: number) => ({
      text,
      confidence: 90,
      bbox: { x0: 0, y0: y, x1: 100, y1: y + 40 },
      words: [],
    });
    expect(detectTemplate([line('常住人口登记衣', 100)], BUILTIN_TEMPLATES, 3500)?.id).toBe('resident-registration');
    expect(detectTemplate([line('准予迁入证明', 150)], BUILTIN_TEMPLATES, 3500)?.id).toBe('admission-permit');
    expect(detectTemplate([line('常住人口登记表', 3000)], BUILTIN_TEMPLATES, 3500)).toBeNull();
  });

  it('falls back to the printed labels when the title is unreadable', () => {
    const line = (text: string) => ({ text, confidence: 90, bbox: { x0: 0, y0: 900, x1: 100, y1: 940 }, words: [] });
    const labels = [
      '户别 家庭户 户主姓名 户号',
      '姓名 性别 民族 籍贯 出生日期 宗教信仰 公民身份号码',
      '身高 血型 文化程度 婚姻状况 兵役状况 职业 服务处所 承办人签章 登记日期',
    ];
    expect(detectTemplate(labels.map(line), BUILTIN_TEMPLATES, 3500)?.id).toBe('resident-registration');
    // Labels every personal form shares do not pick one.
    expect(detectTemplate([line('姓名 性别 民族 出生日期 公民身份号码')], BUILTIN_TEMPLATES, 3500)).toBeNull();
  });

  it('places zones by the frame found on the page: a shifted, enlarged scan lands right', () => {
    const t = BUILTIN_TEMPLATES[0]!;
    const f = t.fields.find((x) => x.key === 'idNumber')!;
    const s = 300 / 25.4;
    const exact = placer(t, { width: 2480, height: 3508, dpi: 300 }, null)(f.box);
    expect(exact.x).toBe(Math.round(f.box.x * s));
    // The printed table found 40 px right, 25 px down and 2 % larger than the template.
    const frame = {
      x: t.frame!.x * s + 40,
      y: t.frame!.y * s + 25,
      w: t.frame!.w * s * 1.02,
      h: t.frame!.h * s * 1.02,
    };
    const moved = placer(t, { width: 2480, height: 3508, dpi: 300 }, frame)(f.box);
    expect(moved.x).toBe(Math.round(frame.x + (f.box.x - t.frame!.x) * s * 1.02));
    expect(moved.y).toBe(Math.round(frame.y + (f.box.y - t.frame!.y) * s * 1.02));
  });
});
