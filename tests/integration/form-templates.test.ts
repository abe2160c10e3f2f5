/**
 * The template editor's server side through dispatch on a real SQLite file: a draft from
 * a generated sample scan (paper size, table frame and title found on the page), saving a
 * drawn template with its audit and change-log rows, and import/export as files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormTemplate } from '../../electron/contract/forms';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import { guessTitles } from '../../electron/core/scan/form-draft';
import { describePath } from '../../electron/core/forms/import';
import { servicesOf } from '../../electron/core/scan/services';
import type { OcrPage } from '../../scripts/fixtures/ocr/generate';
import { ocrSet } from '../helpers/ocr-set';
import { makeTestCore, tempDir, userToken, type TestCore } from '../helpers/test-core';

let t: TestCore;
let fixtures: string;
let sample: OcrPage;
let pageId: string;
const builtin = BUILTIN_TEMPLATES.find((x) => x.id === 'resident-registration')!;

beforeAll(async () => {
  fixtures = tempDir('dangan-tpl-fixtures-');
  // The first page of every set is a 常住人口登记表.
  const set = await ocrSet(fixtures, { seed: 21, count: 1 });
  sample = set.pages[0]!;
  t = await makeTestCore();
  const data = fs.readFileSync(path.join(fixtures, sample.file)).toString('base64');
  await t.ok(
    'intake.importFiles',
    { files: [{ name: sample.file, dataBase64: data }], template: 'none' },
    t.adminToken,
  );
  pageId = (await t.ok('pages.list', { tray: true }, t.adminToken))[0]!.id;
}, 120_000);

afterAll(async () => {
  await t?.close();
  if (fixtures) fs.rmSync(fixtures, { recursive: true, force: true });
});

const twoZones = (draft: { page: { w: number; h: number }; frame: FormTemplate['frame'] }): FormTemplate => ({
  id: 'station-register',
  name: '本所登记表',
  version: 1,
  titles: ['常住人口登记表'],
  page: draft.page,
  frame: draft.frame,
  labels: [],
  fields: [
    { key: 'name', label: '姓名', kind: 'name', box: { x: 60, y: 70, w: 40, h: 13 }, target: 'person.name' },
    { key: 'sex', label: '性别', kind: 'sex', box: { x: 35, y: 79, w: 40, h: 13 } },
  ],
});

describe('forms.templates.fromPage', () => {
  it('drafts the paper size, resolution and printed table frame from a sample scan', async () => {
    const draft = await t.ok('forms.templates.fromPage', { pageId }, t.adminToken);
    expect(draft.pageId).toBe(pageId);
    expect(draft.dpi).toBe(sample.dpi);
    expect(Math.abs(draft.page.w - 210)).toBeLessThan(3);
    expect(Math.abs(draft.page.h - 297)).toBeLessThan(3);
    expect(draft.size.width).toBeGreaterThan(1500);
    // The generator prints the built-in's table, shifted on the sheet by at most 3 mm and
    // turned by at most 2° (deskewed in processing).
    const frame = draft.frame!;
    const want = builtin.frame!;
    expect(Math.abs(frame.x - (want.x + sample.offsetMm.x))).toBeLessThan(4);
    expect(Math.abs(frame.y - (want.y + sample.offsetMm.y))).toBeLessThan(4);
    expect(Math.abs(frame.w - want.w)).toBeLessThan(2.5);
    expect(Math.abs(frame.h - want.h)).toBeLessThan(2.5);
  });

  it('guesses the printed title once OCR has read the page', async () => {
    await servicesOf(t.core.ctx).runner.idle();
    const draft = await t.ok('forms.templates.fromPage', { pageId }, t.adminToken);
    expect(draft.titles).toEqual(['常住人口登记表']);
  }, 120_000);

  it('needs forms.manage and a page the caller may see', async () => {
    const registry = await userToken(t, 'dengji', 'registry', 0);
    expect(await t.call('forms.templates.fromPage', { pageId }, registry)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await t.call('forms.templates.fromPage', { pageId: 'nope' }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '页面不存在或无权查看' },
    });
    expect(await t.call('forms.templates.fromPage', {}, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });
});

describe('saving, exporting and importing templates', () => {
  it('saves a drawn template with its audit entry and change-log row', async () => {
    const draft = await t.ok('forms.templates.fromPage', { pageId }, t.adminToken);
    const changes = t.count('change_log');
    const summary = await t.ok('forms.templates.save', { template: twoZones(draft) }, t.adminToken);
    expect(summary).toEqual({ id: 'station-register', name: '本所登记表', version: 1, builtIn: false, fields: 2 });
    expect(t.count('change_log')).toBe(changes + 1);
    const audit = t.core.ctx.sqlite
      .prepare("SELECT action, summary FROM audit_log WHERE entity = 'form_template' ORDER BY seq DESC LIMIT 1")
      .get();
    expect(audit).toEqual({ action: 'template.create', summary: '新建表单模板“本所登记表”（2 个字段）' });
  });

  it('imports an exported file back after the template was deleted', async () => {
    const exported = JSON.stringify(await t.ok('forms.templates.get', { id: 'station-register' }, t.adminToken));
    expect(await t.call('forms.templates.import', { text: exported }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'TEMPLATE_EXISTS' },
    });
    await t.ok('forms.templates.delete', { id: 'station-register' }, t.adminToken);
    const listed = await t.ok('forms.templates.list', {}, t.adminToken);
    expect(listed.map((x) => x.id)).not.toContain('station-register');
    const back = await t.ok(
      'forms.templates.import',
      { fileName: 'station-register.json', text: exported },
      t.adminToken,
    );
    expect(back).toMatchObject({ id: 'station-register', fields: 2 });
    expect(await t.ok('forms.templates.get', { id: 'station-register' }, t.adminToken)).toEqual(JSON.parse(exported));
    const actions = t.core.ctx.sqlite
      .prepare("SELECT action FROM audit_log WHERE entity = 'form_template' ORDER BY seq")
      .pluck()
      .all();
    expect(actions).toEqual(['template.create', 'template.delete', 'template.import']);
    const ops = t.core.ctx.sqlite
      .prepare("SELECT op FROM change_log WHERE entity = 'form_template' ORDER BY seq")
      .pluck()
      .all();
    expect(ops).toEqual(['insert', 'delete', 'update']);
  });

  it('refuses a bad file with a Chinese message and saves nothing', async () => {
    const before = t.count('form_templates');
    const audit = t.count('audit_log');
    const bad = async (text: string) => {
      const r = await t.call('forms.templates.import', { text }, t.adminToken);
      if (r.ok) throw new Error('imported a bad file');
      return r.error;
    };
    expect(await bad('{ not json')).toEqual({ code: 'TEMPLATE_INVALID', message: '模板文件不是有效的 JSON 文件' });
    const good = twoZones({ page: { w: 210, h: 297 }, frame: null });
    const dup = { ...good, id: 'dup-keys', fields: [good.fields[0], { ...good.fields[1], key: 'name' }] };
    expect((await bad(JSON.stringify(dup))).message).toBe('模板文件无效：字段 2 · 字段键：字段键重复：name');
    const { titles: _titles, ...noTitles } = { ...good, id: 'no-titles' };
    expect((await bad(JSON.stringify(noTitles))).message).toMatch(/^模板文件无效：打印标题：.*[\u4e00-\u9fff]/u);
    expect(t.count('form_templates')).toBe(before);
    expect(t.count('audit_log')).toBe(audit);
  });
});

describe('helpers', () => {
  it('names the place of a problem in words', () => {
    expect(describePath(['fields', 0, 'enumOf'])).toBe('字段 1 · 取值表');
    expect(describePath(['page', 'w'])).toBe('页面尺寸 · w');
  });

  it('takes the tallest Chinese line above the table as the title', () => {
    const line = (text: string, y0: number, y1: number) => ({
      text,
      confidence: 90,
      bbox: { x0: 0, y0, x1: 100, y1 },
      words: [],
    });
    const lines = [line('北港派出所', 100, 130), line('常 住 人 口 登 记 表', 150, 220), line('户别 家庭户', 500, 530)];
    expect(guessTitles(lines, { x: 10, y: 400, w: 100, h: 100 }, 3500)).toEqual(['常住人口登记表']);
    expect(guessTitles([], null, 3500)).toEqual([]);
  });
});
