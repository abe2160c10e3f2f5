/**
 * Two persons on one page (label-bands.ts), on recognised lines built here: two 居住证申请表
 * one above the other are cut between them and each read by itself; a page of one person,
 * a heading that repeats a label, and a second form of another type sharing a few labels
 * stay whole.
 */
import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../../electron/core/ocr';
import { checkDigit } from '../../electron/core/persons';
import { dictionaryFor } from '../../electron/core/forms/dictionary';
import { personBands } from '../../electron/core/forms/label-bands';
import { fieldsByLabels, type LabelRead } from '../../electron/core/forms/label-fields';

const CHAR = 40;
function line(text: string, x: number, y: number): OcrLine {
  const chars = [...text];
  const words = chars
    .map((ch, i) => ({ ch, i }))
    .filter(({ ch }) => ch !== ' ')
    .map(({ ch, i }) => ({
      text: ch,
      confidence: 92,
      bbox: { x0: x + i * CHAR, y0: y, x1: x + (i + 1) * CHAR - 4, y1: y + 40 },
    }));
  return { text, confidence: 92, bbox: { x0: x, y0: y, x1: x + chars.length * CHAR, y1: y + 40 }, words };
}

const idFor = (ymd: string, male: boolean) => {
  const base = `110101${ymd}12${male ? 3 : 4}`;
  return base + checkDigit(base);
};

const permit = dictionaryFor('residence-permit-application')!;
const value = (fs: LabelRead[], k: string) => fs.find((f) => f.key === k)!.value;

/** One person's 居住证申请表 as "label value" rows, from `y` down (70 px a row). */
function permitForm(y: number, p: { name: string; male: boolean; ymd: string; title?: boolean }): OcrLine[] {
  const rows = [
    `姓名 ${p.name}  性别 ${p.male ? '男' : '女'}`,
    `民族 汉  出生日期 ${p.ymd.slice(0, 4)}年${Number(p.ymd.slice(4, 6))}月${Number(p.ymd.slice(6))}日`,
    `公民身份号码 ${idFor(p.ymd, p.male)}`,
    '常住户口所在地住址 河北省保定市莲池区东风路12号',
    '居住地住址 北京市海淀区学院路30号',
    '联系电话 13812345678  申请日期 2021年3月4日',
  ];
  const out = p.title === false ? [] : [line('居住证申请表', 600, y)];
  rows.forEach((r, i) => out.push(line(r, 100, y + 90 + i * 70)));
  return out;
}

describe('persons on one page, cut into bands', () => {
  it('cuts two forms one above the other between them, each band read by its own labels', () => {
    const first = permitForm(100, { name: '王小明', male: true, ymd: '19900101' });
    const second = permitForm(800, { name: '李红', male: false, ymd: '19850607' });
    const bands = personBands([...first, ...second], permit)!;
    expect(bands).toHaveLength(2);
    expect(bands[0]).toEqual(first);
    expect(bands[1]).toEqual(second);
    const [a, b] = bands.map((lines) => fieldsByLabels(lines, permit));
    expect([value(a!, 'name'), value(a!, 'idNumber'), value(a!, 'birthDate')]).toEqual([
      '王小明',
      idFor('19900101', true),
      '19900101',
    ]);
    expect([value(b!, 'name'), value(b!, 'sex'), value(b!, 'idNumber')]).toEqual([
      '李红',
      '女',
      idFor('19850607', false),
    ]);
  });

  it('cuts three persons into three bands, the title-less ones too', () => {
    const forms = [100, 700, 1300].map((y, i) =>
      permitForm(y, { name: ['王小明', '李红', '赵刚'][i]!, male: i !== 1, ymd: '19900101', title: i === 0 }),
    );
    const bands = personBands(forms.flat(), permit)!;
    expect(bands.map((b) => b.length)).toEqual(forms.map((f) => f.length));
  });

  it('leaves a page of one person whole', () => {
    expect(personBands(permitForm(100, { name: '王小明', male: true, ymd: '19900101' }), permit)).toBeNull();
  });

  it('leaves a page whole when a heading or a note repeats a label', () => {
    const page = [
      line('姓名与公民身份号码须与户口簿一致', 100, 40),
      ...permitForm(100, { name: '王小明', male: true, ymd: '19900101' }),
      line('注：联系电话、居住地住址变更的，应当及时申报', 100, 700),
    ];
    expect(personBands(page, permit)).toBeNull();
  });

  it('leaves two forms of different types whole (a few shared labels are not a second person)', () => {
    const page = [
      ...permitForm(100, { name: '王小明', male: true, ymd: '19900101' }),
      line('户口迁移证', 600, 800),
      line('姓名 李红  性别 女  民族 汉', 100, 890),
      line(`公民身份号码 ${idFor('19850607', false)}`, 100, 960),
      line('迁移原因 投靠亲属', 100, 1030),
      line('迁往地址 北京市朝阳区建国路1号', 100, 1100),
      line('签发机关 保定市公安局莲池分局', 100, 1170),
    ];
    expect(personBands(page, permit)).toBeNull();
  });
});
