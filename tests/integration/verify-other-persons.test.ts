/**
 * A page holding two persons' forms reaches the verification screen with the first person
 * as its fields (one record per page) and the second told apart, read-only: the fields
 * recognised for that person with their values, none of them among the fields to accept.
 * The OCR runner is stopped; the reading is committed as it would be.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dictionaryFor } from '../../electron/core/forms/dictionary';
import { fieldsByLabels } from '../../electron/core/forms/label-fields';
import { commitLabelReading, labelLine, pendingPage } from '../helpers/label-reading';
import { makeTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
let pageId: string;

const line = labelLine;

beforeAll(async () => {
  t = await makeTestCore();
  const page = await pendingPage(t, 'pair.png');
  pageId = page.pageId;
  const dict = dictionaryFor('residence-permit-application')!;
  const first = [line('姓名：王芳', 100), line('联系电话：13800001111', 160)];
  const second = [line('姓名：李红', 900), line('联系电话：13900002222', 960)];
  commitLabelReading(t, page, {
    formType: 'residence-permit-application',
    lines: [...first, ...second],
    fields: fieldsByLabels(first, dict),
    otherPersons: [fieldsByLabels(second, dict)],
  });
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('a second person on the page, on the verification screen', () => {
  it('keeps the first person as the fields and shows the second read-only, its recognised fields only', async () => {
    const v = await t.ok('verify.get', { id: pageId }, t.adminToken);
    expect(v.fields.find((f) => f.key === 'name')?.value).toBe('王芳');
    expect(v.fields.some((f) => f.value === '李红')).toBe(false);
    expect(v.otherPersons).toHaveLength(1);
    expect(v.otherPersons![0]!.map((f) => [f.label, f.value])).toEqual([
      ['姓名', '李红'],
      ['联系电话', '13900002222'],
    ]);
    expect(v.otherPersons![0]!.every((f) => f.confidence !== null)).toBe(true);
  });
});
