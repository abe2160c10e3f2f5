/**
 * A 常住人口登记表 printed in a layout no built-in template describes ("label：value" lines
 * without rules, other row order, label variants 出生年月日, 户主或与户主关系, 公民身份证号码),
 * read with real tesseract.js: the page's type comes from its title, its fields from the
 * printed labels, the unfound ones are 未识别 with no confidence.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import { readPage, type PageReading } from '../../electron/core/forms/read-page';
import { decodePages } from '../../electron/core/imaging/decode';
import { preparePage } from '../../electron/core/imaging/prepare';
import { stageLangData } from '../../electron/core/ocr/lang-data';
import { OcrPool } from '../../electron/core/ocr/pool';
import { checkDigit } from '../../electron/core/persons';
import { pageSvg, SANS, SERIF, text } from '../../scripts/fixtures/ocr/svg';
import { tempDir } from '../helpers/test-core';

const DPI = 300;
const base = '11010519850612003';
const ID = base + checkDigit(base);
const dir = tempDir('dangan-label-fields-');
const pool = new OcrPool({ langDir: stageLangData(tempDir('dangan-tessdata-')), size: 2 });
let reading: PageReading;
let seconds = 0;

/** Label in the form's sans face, value typed after it in a serif face, as a clerk's typewriter would. */
const pair = (x: number, y: number, label: string, value: string) =>
  text(x, y, `${label}：`, { family: SANS, size: 4 }) +
  text(x + (label.length + 1) * 4.1, y, value, { family: SERIF, size: 4.2 });

beforeAll(async () => {
  const rows: [number, string, string, string?, string?][] = [
    [60, '户主或与户主关系', '户主', '户别', '家庭户'],
    [72, '公民身份证号码', ID],
    [84, '姓名', '王建国', '性别', '男'],
    [96, '出生年月日', '1985年6月12日', '民族', '汉族'],
    [108, '住址', '北京市朝阳区和平街道十二号'],
    [120, '工作单位（就读学校）', '北京第一机床厂'],
    [132, '承办人签章', '李明', '登记日期', '2020年5月6日'],
  ];
  const body =
    text(105, 40, '常住人口登记表', { family: SANS, size: 7, anchor: 'middle', weight: 'bold' }) +
    rows.map(([y, l1, v1, l2, v2]) => pair(20, y, l1, v1) + (l2 ? pair(120, y, l2, v2!) : '')).join('');
  const w = Math.round((210 / 25.4) * DPI);
  const h = Math.round((297 / 25.4) * DPI);
  const svg = pageSvg({ widthPx: w, heightPx: h, page: { w: 210, h: 297 }, rotation: 0, offset: { x: 0, y: 0 }, content: body, overlay: '' });
  const file = path.join(dir, 'unseen-layout.png');
  fs.writeFileSync(file, await sharp(Buffer.from(svg)).flatten({ background: '#fff' }).withMetadata({ density: DPI }).png().toBuffer());
  const started = performance.now();
  const [d] = await decodePages({ bytes: fs.readFileSync(file), name: 'unseen-layout.png' });
  if (!d?.ok) throw new Error('page did not decode');
  const p = await preparePage(d.page);
  reading = await readPage(pool, p.png, { dpi: p.dpi ?? DPI, template: 'auto', templates: BUILTIN_TEMPLATES, pdf: false });
  seconds = (performance.now() - started) / 1000;
}, 60_000);

afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const field = (k: string) => reading.fields.find((f) => f.key === k)!;

describe('a form page in a layout no template describes', () => {
  it('is read by its printed labels: name, ID number and date of birth right and sure', () => {
    expect(reading.fieldSource).toBe('labels');
    expect(reading.template?.id).toBe('resident-registration');
    expect(reading.templateMiss).toBeNull();
    expect(field('name')).toMatchObject({ value: '王建国', valid: true });
    expect(field('idNumber')).toMatchObject({ value: ID, valid: true });
    expect(field('birthDate')).toMatchObject({ value: '19850612', valid: true });
    expect(field('sex')).toMatchObject({ value: '男', valid: true });
    for (const k of ['name', 'idNumber', 'birthDate']) expect(field(k).confidence, k).toBeGreaterThan(70);
    console.log(`label-anchored page read in ${seconds.toFixed(1)} s`);
    if (process.env.DEBUG_FIELDS) console.log(reading.text, JSON.stringify(reading.fields.map((f) => [f.key, f.value, f.confidence, f.issue])));
  });

  it('reads the label variants and says 未识别, with no number, for fields not on the page', () => {
    expect(field('relation').value).toBe('户主');
    expect(field('householdType').value).toBe('家庭户');
    expect(field('registerDate').value).toBe('20200506');
    expect(field('religion')).toMatchObject({ confidence: null, status: '未识别' });
    expect(field('height')).toMatchObject({ confidence: null, status: '未识别' });
  });
});
