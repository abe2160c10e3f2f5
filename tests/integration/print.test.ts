import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintResult } from '../../electron/contract/print';
import { dangan } from '../helpers/cli';
import { categoryId, makeTestCore, tempDir, type TestCore, userToken } from '../helpers/test-core';

// The documents of reference §3 and §4, printed through dispatch on a real archive and read
// back with poppler: pdftotext checks them field by field, pdftoppm renders one to pixels.

const RARE = '𠮷'; // U+20BB7, a 姓 in CJK Extension B: not in Noto Sans SC
const LONG_TITLE =
  '关于北港路与滨江大道交叉口发生的两车相撞致一人受伤交通事故的现场勘查、调查取证、责任认定及调解处理全部材料'.repeat(
    4,
  );

let t: TestCore;
let out: string;
let v: { main: string; empty: string; long: string; secret: string };
let mainCode: string;
/** For the 归档章: an item with a 机构 code, and the 通知 of WS 2015. */
let stampIds: { org: string; notice: string };

const pdfText = (r: PrintResult, name: string, layout = true) => {
  const file = path.join(out, name);
  fs.writeFileSync(file, Buffer.from(r.base64, 'base64'));
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
};
/** The line of `text` that holds `label`. */
const lineOf = (text: string, label: string) => text.split('\n').find((l) => l.includes(label)) ?? '';
const print = (input: Record<string, unknown>, token = t.adminToken) => t.ok('print.document', input, token);

beforeAll(async () => {
  t = await makeTestCore();
  out = tempDir('dangan-print-');
  const jt = await categoryId(t, 'ZY·JT');
  const ws = await categoryId(t, 'WS');
  const volume = (title: string, securityLevel = 0) =>
    t.ok(
      'volumes.create',
      { categoryId: jt, year: 2015, title, startDate: '20150301', endDate: '20150420', securityLevel },
      t.adminToken,
    );
  const main = await volume('北港路两车相撞事故卷');
  mainCode = main.archiveCode;
  v = {
    main: main.id,
    empty: (await volume('空卷')).id,
    long: (await volume(LONG_TITLE)).id,
    secret: (await volume('涉密案件卷', 2)).id,
  };
  const item = (title: string, more: Record<string, unknown>) =>
    t.ok(
      'catalogue.create',
      { categoryId: jt, year: 2015, volumeId: v.main, title, extra: { accidentNo: '2015-001' }, ...more },
      t.adminToken,
    );
  await item('道路交通事故认定书', {
    docNumber: '北公交认字〔2015〕12号',
    author: '交警大队',
    date: '20150301',
    pageCount: 3,
  });
  await item(`${RARE}明华询问笔录`, { author: '交警大队', date: '20150305', pageCount: 4 });
  await item('涉密调查报告', { author: '刑侦大队', date: '20150310', pageCount: 2, securityLevel: 2 });
  const notice = await t.ok(
    'catalogue.create',
    {
      categoryId: ws,
      year: 2015,
      title: '关于加强社区警务工作的通知',
      docNumber: '北公〔2015〕3号',
      author: '北港派出所',
      date: '20150110',
      pageCount: 2,
    },
    t.adminToken,
  );
  await t.ok(
    'catalogue.create',
    { categoryId: ws, year: 2015, title: '内部情况通报', date: '20150111', pageCount: 1, securityLevel: 2 },
    t.adminToken,
  );
  const org = await t.ok(
    'catalogue.create',
    { categoryId: ws, year: 2016, retention: 'D10', orgCode: 'BGS', title: '值班安排', pageCount: 12 },
    t.adminToken,
  );
  stampIds = { org: org.id, notice: notice.id };
});

afterAll(async () => {
  await t?.close();
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

describe('print.document', () => {
  it('prints a 案卷封面 with every field, and renders it to a page that is not blank', async () => {
    const r = await print({ kind: 'cover', volumeId: v.main });
    expect(r.pages).toBe(1);
    const text = pdfText(r, 'cover.pdf');
    expect(lineOf(text, '全宗名称')).toContain('北港派出所');
    expect(lineOf(text, '类目名称')).toContain('交通事故');
    expect(lineOf(text, '案卷题名')).toContain('北港路两车相撞事故卷');
    expect(lineOf(text, '起止日期')).toContain('20150301—20150420');
    expect(lineOf(text, '保管期限')).toContain('定期30年');
    expect(lineOf(text, '件')).toMatch(/3\s*件.*9\s*页/);
    expect(lineOf(text, '全宗号')).toMatch(/J001\s+案卷号\s+001/);
    expect(lineOf(text, '档')).toContain(mainCode);

    execFileSync('pdftoppm', [
      '-r',
      '50',
      '-png',
      '-f',
      '1',
      '-l',
      '1',
      path.join(out, 'cover.pdf'),
      path.join(out, 'cover'),
    ]);
    const png = fs.readdirSync(out).find((f) => f.startsWith('cover') && f.endsWith('.png'))!;
    const { data, info } = await sharp(path.join(out, png)).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([414, 585]); // A4 at 50 dpi (210 × 297 mm)
    const dark = (y0: number, y1: number) => {
      let n = 0;
      for (let y = y0; y < y1; y++) for (let x = 0; x < info.width; x++) if (data[y * info.width + x]! < 128) n++;
      return n;
    };
    // Ink on the page, in the title band (案　　卷) and in the form; white below the form.
    expect(dark(0, info.height)).toBeGreaterThan(2000);
    expect(dark(30, 70)).toBeGreaterThan(50);
    expect(dark(500, info.height)).toBe(0);
  });

  it('prints the 卷内文件目录 row by row with running page numbers, and marks a character outside the font', async () => {
    const r = await print({ kind: 'contents', volumeId: v.main });
    expect(r.rows).toBe(3);
    expect(r.missingChars).toEqual([RARE]);
    const text = pdfText(r, 'contents.pdf');
    expect(lineOf(text, '顺序')).toMatch(/文号.*责任者.*题名.*日期.*页号.*备注/);
    const lines = text.split('\n');
    const row = lines.findIndex((l) => l.includes('道路交通事故认定书'));
    expect(lines[row]).toMatch(/1\s+交警大队\s+道路交通事故认定书\s+20150301\s+1-3/);
    // The 文号 wraps in its cell: its two lines stand above and below the row's middle.
    expect(lines[row - 1]!.trim() + lines[row + 1]!.trim()).toBe('北公交认字〔2015〕12号');
    expect(lineOf(text, '明华询问笔录')).toMatch(/2\s+交警大队\s+〓明华询问笔录\s+20150305\s+4-7/);
    expect(lineOf(text, '涉密调查报告')).toMatch(/3\s+刑侦大队\s+涉密调查报告\s+20150310\s+8-9/);
    expect(text).not.toContain(RARE);
    expect(text).toMatch(/第\s*1\s*页\s+共\s*1\s*页/);
  });

  it('prints the 卷内备考表 with its statement and signatures', async () => {
    const r = await print({
      kind: 'notes',
      volumeId: v.main,
      notes: { compiler: '王立卷', checker: '赵检查', date: '20150501' },
    });
    const text = pdfText(r, 'notes.pdf');
    expect(text).toContain('本卷共 3 件，9 页。');
    expect(lineOf(text, '立卷人')).toMatch(/王立卷\s+检查人\s+赵检查/);
    expect(lineOf(text, '立卷时间')).toContain('20150501');
    expect(lineOf(text, '档号')).toContain(mainCode);
  });

  it('prints a volume with no items, and a 题名 longer than the cover cell, whole', async () => {
    const empty = pdfText(await print({ kind: 'contents', volumeId: v.empty }), 'empty.pdf');
    expect(empty).toContain('（本卷暂无文件）');
    const cover = pdfText(await print({ kind: 'cover', volumeId: v.empty }), 'empty-cover.pdf');
    expect(lineOf(cover, '件')).toMatch(/0\s*件.*0\s*页/);
    const long = pdfText(await print({ kind: 'cover', volumeId: v.long }), 'long.pdf', false);
    // Shrunk inside its cell: every character printed, the fields under it still in place.
    expect(long.replace(/\s+/g, '').replace('案卷题名', '')).toContain(LONG_TITLE);
    expect(long.indexOf('起止日期')).toBeGreaterThan(long.indexOf(LONG_TITLE.slice(-10)));
  });

  it('prints the 案卷目录 and the 归档文件目录 of a class and year, and audits who printed what', async () => {
    const vc = await print({ kind: 'volume-catalogue', categoryCode: 'ZY·JT', year: 2015 });
    expect(vc.rows).toBe(4);
    const vt = pdfText(vc, 'vc.pdf');
    expect(lineOf(vt, '全宗号')).toMatch(/J001.*北港派出所.*交通事故（ZY·JT）.*年度：2015/);
    expect(lineOf(vt, '北港路两车相撞事故卷')).toMatch(
      /001\s+J001-ZY·JT·2015-D30-001\s+北港路两车相撞事故卷\s+20150301—20150420\s+3\s+9\s+定期30年/,
    );
    expect(lineOf(vt, '空卷')).toMatch(/002.*空卷.*\s0\s+0\s+定期30年/);

    const ic = await print({ kind: 'item-catalogue', categoryCode: 'WS', year: 2015 });
    expect(ic.rows).toBe(2);
    const it = pdfText(ic, 'ic.pdf');
    expect(lineOf(it, '序号')).toMatch(/档号.*文号.*责任者.*题名.*日期.*密级.*页数.*备注/);
    expect(lineOf(it, '关于加强社区警务工作的通知')).toMatch(
      /1\s+J001-WS·2015-Y-0001\s+北公〔2015〕3号\s+北港派出所\s+关于加强社区警务工作的通知\s+20150110\s+2/,
    );
    expect(lineOf(it, '内部情况通报')).toMatch(/2\s+J001-WS·2015-Y-0002\s+内部情况通报\s+20150111\s+秘密\s+1/);

    const audit = await t.ok('audit.list', { action: 'print.document' }, t.adminToken);
    const entries = audit.rows.filter((e) => e.action === 'print.document');
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.map((e) => e.summary)).toContain('打印归档文件目录（WS-2015，2 条，1 页）');
  });

  it('prints for a clerk only what the clerk may see', async () => {
    const clerk = await userToken(t, 'clerk0', 'clerk', 0);
    const contents = await print({ kind: 'contents', volumeId: v.main }, clerk);
    expect(contents.rows).toBe(2);
    expect(pdfText(contents, 'clerk-contents.pdf')).not.toContain('涉密调查报告');
    const ic = await print({ kind: 'item-catalogue', categoryCode: 'WS' }, clerk);
    expect(pdfText(ic, 'clerk-ic.pdf')).not.toContain('内部情况通报');
    const vc = pdfText(await print({ kind: 'volume-catalogue', categoryCode: 'ZY·JT' }, clerk), 'clerk-vc.pdf');
    expect(vc).not.toContain('涉密案件卷');
    const secret = await t.call('print.document', { kind: 'cover', volumeId: v.secret }, clerk);
    expect(secret.ok ? null : secret.error.code).toBe('NOT_FOUND');
  });

  it('refuses a request that names no volume, or an unknown 门类, with a Chinese message', async () => {
    const noVolume = await t.call('print.document', { kind: 'cover' }, t.adminToken);
    expect(noVolume.ok ? null : noVolume.error.code).toBe('VALIDATION_FAILED');
    expect(noVolume.ok ? '' : noVolume.error.message).toContain('须指定案卷');
    const unknown = await t.call('print.document', { kind: 'item-catalogue', categoryCode: 'XX' }, t.adminToken);
    expect(unknown.ok ? '' : unknown.error.message).toContain('门类代码“XX”不存在');
  });
});

describe('归档章', () => {
  it('prints one stamp per chosen item, its six cells field by field, several to a sheet', async () => {
    const r = await print({ kind: 'stamp', itemIds: [stampIds.org, stampIds.notice] });
    expect([r.rows, r.pages]).toEqual([2, 1]);
    const text = pdfText(r, 'stamp.pdf');
    const lines = text.split('\n');
    // Two stamps side by side: 全宗号 | 年度 | 件号 over 机构（问题） | 保管期限 | 页数, each captioned with its 档号.
    const top = lines.findIndex((l) => /J001\s+2016\s+1\s+J001\s+2015\s+1/.test(l));
    expect(top).toBeGreaterThanOrEqual(0);
    expect(lines.slice(top + 1, top + 3).join(' ')).toMatch(/BGS\s+定期10年\s+12\s+永久\s+2/);
    expect(text).toMatch(/J001-WS·2016-D10-BGS-0001.*J001-WS·2015-Y-0001|J001-WS·2016.*0001\s+J001-WS·2015-Y-0001/);
  });

  it('prints the stamps of a class and year, or of a volume, only those the caller may see', async () => {
    const all = await print({ kind: 'stamp', categoryCode: 'WS', year: 2015 });
    expect(all.rows).toBe(2);
    const clerk = await userToken(t, 'clerk-stamp', 'clerk', 0);
    const seen = await print({ kind: 'stamp', categoryCode: 'WS', year: 2015 }, clerk);
    expect(seen.rows).toBe(1);
    expect(pdfText(seen, 'stamp-clerk.pdf')).not.toContain('J001-WS·2015-Y-0002');
    const vol = await print({ kind: 'stamp', volumeId: v.main });
    expect(vol.rows).toBe(3);
    expect(pdfText(vol, 'stamp-volume.pdf')).toMatch(/J001\s+2015\s+1\s+J001\s+2015\s+2\s+J001\s+2015\s+3/);
    const wrong = await t.call('print.document', { kind: 'volume-catalogue', itemIds: [stampIds.org] }, t.adminToken);
    expect(wrong.ok ? '' : wrong.error.message).toContain('只有归档章和归档文件目录可以按所选文件打印');
  });
});

describe('dangan print', () => {
  it('writes the 归档章 of a class and year', () => {
    const file = path.join(out, 'cli-stamp.pdf');
    const r = dangan([
      'print',
      'stamp',
      '--data',
      t.dir,
      '--category',
      'WS',
      '--year',
      '2016',
      '--out',
      file,
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ file, kind: 'stamp', pages: 1, rows: 1 });
    expect(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })).toMatch(/BGS\s+定期10年\s+12/);
  });

  it('writes the PDF of a volume named by its 档号, as the command line account', async () => {
    const file = path.join(out, 'cli-cover.pdf');
    const r = dangan(['print', 'cover', '--data', t.dir, '--volume', mainCode, '--out', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ file, kind: 'cover', pages: 1, rows: 3 });
    expect(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })).toContain('北港路两车相撞事故卷');
  });
});
