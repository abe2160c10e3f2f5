import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { categoryId, makeTestCore, type TestCore } from '../helpers/test-core';

/** What the entry form needs from the core: pinyin initials to find a 门类, every bad ID row at once. */
let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(() => t.close());

describe('entry support in the core', () => {
  it('sends each category with the pinyin initials of its name (迁入 → qr)', async () => {
    const list = await t.ok('scheme.list', {}, t.adminToken);
    const by = (code: string) => list.find((c) => c.fullCode === code)!;
    expect(by('ZY·HJ·QR').initials).toBe('qr');
    expect(by('ZY·JT').initials).toBe('jtsg');
    expect(by('WS').initials).toBe('ws');
  });

  it('reports every invalid 公民身份号码 by its row, and writes nothing', async () => {
    const ws = await categoryId(t, 'WS');
    const before = [t.count('items'), t.count('persons'), t.count('audit_log')];
    const r = await t.call(
      'catalogue.create',
      {
        categoryId: ws,
        year: 2019,
        orgCode: '',
        title: '两人身份证号有误',
        persons: [
          { name: '李四', idNumber: '110105194912310021' },
          { name: '王芳', idNumber: '11010519491231002X' },
          { name: '王五', idNumber: '110105194912310022' },
        ],
      },
      t.adminToken,
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ID_NUMBER' } });
    if (r.ok) return;
    expect(r.error.message).toContain('李四');
    const details = r.error.details as { path: string[]; message: string }[];
    expect(details.map((d) => d.path.join('.'))).toEqual(['persons.0.idNumber', 'persons.2.idNumber']);
    expect(details.every((d) => d.message.length > 0)).toBe(true);
    expect([t.count('items'), t.count('persons'), t.count('audit_log')]).toEqual(before);
  });
});
