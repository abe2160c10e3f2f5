/**
 * Fields read by their printed labels reach the verification screen as read: a field not
 * found on the page comes back with no confidence (null, 未识别), never 0 or 100; found
 * fields keep theirs. The OCR runner is stopped; the reading is committed as it would be.
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
  const page = await pendingPage(t, 'form.png');
  pageId = page.pageId;
  const lines = [line('居住证申请表', 20), line('姓名：王芳', 100), line('联系电话：13800001111', 160)];
  const fields = fieldsByLabels(lines, dictionaryFor('residence-permit-application')!);
  commitLabelReading(t, page, { formType: 'residence-permit-application', lines, fields });
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('label-read fields on the verification screen', () => {
  it('gives a field not found no confidence, and keeps the found ones', async () => {
    const v = await t.ok('verify.get', { id: pageId }, t.adminToken);
    expect(v.template?.id).toBe('residence-permit-application');
    const f = (k: string) => v.fields.find((x) => x.key === k)!;
    expect(f('name')).toMatchObject({ value: '王芳', valid: true });
    expect(f('name').confidence).toBeGreaterThan(80);
    expect(f('phone').value).toBe('13800001111');
    expect(f('birthDate')).toMatchObject({ confidence: null, empty: true, value: '' });
    // A required field not found is flagged first, with no number either.
    expect(f('handler')).toMatchObject({ confidence: null, valid: false });
    expect(v.fields[0]!.valid).toBe(false);
  });
});

describe('the verification order and the one-key accept of the sure fields', () => {
  it('orders the fields by confidence, the ones not found (未识别) first of all', async () => {
    const v = await t.ok('verify.get', { id: pageId }, t.adminToken);
    const firstFound = v.fields.findIndex((f) => f.confidence !== null);
    expect(firstFound).toBeGreaterThan(0);
    expect(v.fields.slice(0, firstFound).every((f) => f.confidence === null)).toBe(true);
    expect(v.fields.slice(firstFound).every((f) => f.confidence !== null)).toBe(true);
    const found = v.fields.slice(firstFound).filter((f) => f.valid);
    const confidences = found.map((f) => f.confidence!);
    expect(confidences).toEqual([...confidences].sort((a, b) => a - b));
  });

  it('accepts only the fields given when partial, and verifies the page once every field is in', async () => {
    const first = await t.ok(
      'verify.accept',
      { pageId, values: { name: '王芳', phone: '13800001111' }, partial: true },
      t.adminToken,
    );
    expect(first.page.verifyStatus).toBe('pending');
    const accepted = first.fields.filter((f) => f.status === 'accepted').map((f) => f.key);
    expect(accepted.sort()).toEqual(['name', 'phone']);
    // A key the form does not have is refused, and nothing changes.
    const bad = await t.call('verify.accept', { pageId, values: { nope: 'x' }, partial: true }, t.adminToken);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const empty = await t.call('verify.accept', { pageId, values: {}, partial: true }, t.adminToken);
    expect(empty).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    const rest = Object.fromEntries(
      first.fields.filter((f) => f.status !== 'accepted').map((f) => [f.key, f.key === 'handler' ? '李明' : '']),
    );
    const done = await t.ok('verify.accept', { pageId, values: rest, partial: true }, t.adminToken);
    expect(done.page.verifyStatus).toBe('verified');
    expect(done.fields.every((f) => f.status === 'accepted')).toBe(true);
    expect(done.fields.find((f) => f.key === 'name')!.accepted).toBe('王芳');
    expect(done.fields.find((f) => f.key === 'handler')!.accepted).toBe('李明');
  });
});
