/**
 * Fields read through a template's zones are scored as fields read by their labels are:
 * a value that fails its check is never sure, and the ID number, birth date and sex vouch
 * for or cast doubt on one another — whatever the engine said of its characters.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import { scoreZones } from '../../electron/core/forms/extract';
import { idFor } from '../helpers/ocr-lines';

const tpl = BUILTIN_TEMPLATES.find((t) => t.id === 'resident-registration')!;
const boxes = new Map(tpl.fields.map((f) => [f.key, { x: 0, y: 0, w: 10, h: 10 }]));
const read = (values: Record<string, string>, confidence = 96) =>
  scoreZones(tpl, new Map(Object.entries(values).map(([k, raw]) => [k, { raw, confidence }])), boxes);
const byKey = (fs: ReturnType<typeof read>, k: string) => fs.find((f) => f.key === k)!;

describe('a template zone read at 96', () => {
  it('is not sure when its check fails', () => {
    const id = idFor('19790625', false);
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const f = byKey(read({ idNumber: wrong, name: '刘芳' }), 'idNumber');
    expect(f.valid).toBe(false);
    expect(f.confidence).toBeLessThanOrEqual(40);
  });

  it('is surer when the ID number agrees with the birth date and sex, and flagged when not', () => {
    const id = idFor('19790625', false);
    const agree = read({ idNumber: id, birthDate: '1979年06月25日', sex: '女' });
    expect(byKey(agree, 'birthDate').confidence).toBeGreaterThan(96);
    expect(byKey(agree, 'sex').confidence).toBeGreaterThan(96);
    const disagree = read({ idNumber: id, birthDate: '1979年06月25日', sex: '男' });
    expect(byKey(disagree, 'sex').valid).toBe(false);
    expect(byKey(disagree, 'sex').issue).toContain('性别与公民身份号码不符');
    expect(Math.min(byKey(disagree, 'sex').confidence, byKey(disagree, 'idNumber').confidence)).toBeLessThan(50);
  });

  it('an empty zone still has confidence 0', () => {
    expect(byKey(read({ name: '' }), 'name').confidence).toBe(0);
  });
});
