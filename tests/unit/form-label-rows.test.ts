/**
 * Values that are not one line beside their label: lists of persons spread above and below
 * a label centred in its tall cell and boxed column by column (PP-OCR), a value column shared
 * by one field per row, values written by hand that come back in pieces, and a birth date
 * a digit short that the ID number vouches for.
 */
import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../../electron/core/ocr';
import { dictionaryFor } from '../../electron/core/forms/dictionary';
import { fieldsByLabels, type LabelRead } from '../../electron/core/forms/label-fields';
import { idFor, line } from '../helpers/ocr-lines';

const resident = dictionaryFor('resident-registration')!;
const admission = dictionaryFor('admission-permit')!;
const byKey = (fs: LabelRead[], k: string) => fs.find((f) => f.key === k)!;
/** A line boxed taller than its print, as a hand's larger characters are. */
const tall = (l: OcrLine, h: number): OcrLine => ({ ...l, bbox: { ...l.bbox, y1: l.bbox.y0 + h } });

describe('a list of persons in a tall cell', () => {
  const wife = idFor('19880214', false);
  const son = idFor('20120509', true);
  const daughter = idFor('20150101', false);
  // 随迁人员 centred in its cell; each person's name, relation and number tabbed apart and
  // boxed apart; the first person above the label's line, the last below it.
  const person = (name: string, rel: string, id: string, y: number) => [
    line(name, 500, y),
    line(rel, 800, y),
    line(id, 1000, y),
  ];
  const page = [
    line('迁入原因', 100, 100),
    line('工作调动', 500, 100),
    ...person('李秀英', '妻', wife, 170),
    line('随迁人员', 100, 220),
    ...person('王小明', '子', son, 220),
    ...person('王小红', '女', daughter, 270),
    line('签发机关', 100, 340),
    line('北港县公安局', 500, 340),
  ];

  it('reads every row, above and below the label, with its columns kept apart', () => {
    const fs = fieldsByLabels(page, admission);
    expect(byKey(fs, 'companions').value).toBe(
      [`李秀英 妻 ${wife}`, `王小明 子 ${son}`, `王小红 女 ${daughter}`].join('\n'),
    );
    // The rows beside the other labels stay theirs.
    expect(byKey(fs, 'reason').value).toBe('工作调动');
    expect(byKey(fs, 'issuer').value).toBe('北港县公安局');
  });
});

describe('a list of two persons straddling its label', () => {
  it('is read beside the label, both rows, not from under it', () => {
    const [a, b] = [idFor('19550205', true), idFor('19940806', true)];
    const lines = [
      line('刘强', 500, 196),
      line('夫', 700, 196),
      line(a, 900, 198),
      line('随迁人员', 100, 218),
      line('周家豪', 500, 244),
      line('子', 700, 245),
      line(b, 900, 250),
      line('签发机关', 100, 330),
      line('北港县公安局', 500, 330),
    ];
    const fs = fieldsByLabels(lines, admission);
    expect(byKey(fs, 'companions').value).toBe(`刘强 夫 ${a}\n周家豪 子 ${b}`);
  });
});

describe('one field per row, values in one column', () => {
  it("an address does not run on into the next rows' values", () => {
    const lines = [
      line('住址', 100, 100),
      line('浙江省湖州市北港县东岗乡滨河路180号', 400, 100),
      line('14幢1单元502室', 400, 150),
      line('血型', 100, 220),
      line('AB型', 400, 220),
      line('户别', 100, 290),
      line('家庭户', 400, 290),
    ];
    const fs = fieldsByLabels(lines, resident);
    expect(byKey(fs, 'address').value).toBe('浙江省湖州市北港县东岗乡滨河路180号14幢1单元502室');
    expect(byKey(fs, 'blood').value).toBe('AB型');
    expect(byKey(fs, 'householdType').value).toBe('家庭户');
  });
});

describe('values written by hand', () => {
  it('come back in pieces where the hand left gaps; the pieces on the row are joined', () => {
    const id = idFor('19790625', false);
    const lines = [
      line('姓名', 100, 100),
      line('刘', 400, 100),
      line('芳', 480, 100),
      line('性别', 900, 100),
      line('女', 1100, 100),
      line('出生日期', 100, 200),
      line('1979.06', 400, 200),
      line('25', 720, 200),
      line('公民身份号码', 100, 300),
      line(id, 400, 300),
    ];
    const fs = fieldsByLabels(lines, resident);
    expect(byKey(fs, 'name').value).toBe('刘芳');
    // The next cell's label ends the value: 性别 is not part of the name.
    expect(byKey(fs, 'sex').value).toBe('女');
    expect(byKey(fs, 'birthDate')).toMatchObject({ value: '19790625', valid: true, corrected: false });
  });

  it('a piece far along the row is not part of the value', () => {
    const lines = [line('姓名', 100, 100), line('刘芳', 400, 100), line('备注', 1500, 100)];
    expect(byKey(fieldsByLabels(lines, resident), 'name').value).toBe('刘芳');
  });
});

describe('a birth date a digit short', () => {
  const page = (birth: string, id: string) => [
    line('姓名', 100, 100),
    line('刘芳', 400, 100),
    line('出生日期', 100, 200),
    line(birth, 400, 200),
    line('公民身份号码', 100, 300),
    line(id, 400, 300),
  ];

  it('is taken from the ID number when every digit read agrees, and is never sure', () => {
    const id = idFor('19790625', false);
    const f = byKey(fieldsByLabels(page('1979.06 2', id), resident), 'birthDate');
    expect(f).toMatchObject({ value: '19790625', valid: true, corrected: true });
    expect(f.issue).toContain('按公民身份号码推定');
    expect(f.confidence).toBeLessThan(90);
  });

  it('stays a failure when a digit read disagrees with the ID number', () => {
    const id = idFor('19790625', false);
    const f = byKey(fieldsByLabels(page('1978.06 2', id), resident), 'birthDate');
    expect(f.valid).toBe(false);
    expect(f.value).not.toBe('19790625');
  });
});

describe('an empty cell', () => {
  it("does not take the value of the row under it, which is its own label's", () => {
    const id = idFor('19790625', false);
    const lines = [
      line('何时由何地迁来本市', 100, 100),
      // Narrow label cells: the next row's value starts right of the label's end, and its
      // box (written larger than the print) starts higher than its label's.
      line('公民身份号码', 100, 182),
      tall(line(id, 450, 160), 55),
      line('何时由何地迁来本址', 100, 240),
      line('姓名', 100, 310),
      line('刘芳', 450, 310),
    ];
    const fs = fieldsByLabels(lines, resident);
    expect(byKey(fs, 'movedToCity')).toMatchObject({ status: '未识别', confidence: null });
    expect(byKey(fs, 'movedToAddress')).toMatchObject({ status: '未识别', confidence: null });
    expect(byKey(fs, 'idNumber').value).toBe(id);
  });
});

describe('a line PP-OCR gives whole, as one word with its spaces', () => {
  it('keeps every character: the space is no character of the value', () => {
    const id = idFor('19861021', false);
    const text = `公民身份号码： ${id}`;
    const bbox = { x0: 200, y0: 760, x1: 970, y1: 810 };
    const whole: OcrLine = { text, confidence: 99, bbox, words: [{ text, confidence: 99, bbox }] };
    const f = byKey(fieldsByLabels([whole], resident), 'idNumber');
    expect(f).toMatchObject({ value: id, valid: true });
  });
});

describe('"label：value" lines', () => {
  it('a list of persons keeps its last row, though the next label is nearer to it', () => {
    const [a, b, c] = [idFor('19740619', true), idFor('20020927', true), idFor('19500815', true)];
    const lines = [
      line(`随迁人员：张志勇 夫 ${a}`, 100, 100),
      line(`张伟 子 ${b}`, 300, 150),
      line(`张志强 父 ${c}`, 300, 200),
      line('迁入地址：浙江省湖州市北港县柳林镇人民路121号', 100, 262),
      line('签发机关：北港县公安局', 100, 324),
    ];
    const fs = fieldsByLabels(lines, admission);
    expect(byKey(fs, 'companions').value.split('\n')).toEqual([`张志勇 夫 ${a}`, `张伟 子 ${b}`, `张志强 父 ${c}`]);
    expect(byKey(fs, 'toAddress').value).toBe('浙江省湖州市北港县柳林镇人民路121号');
  });
});

describe('specks read as characters', () => {
  it('a dot after a value is dust, not part of it', () => {
    const fs = fieldsByLabels([line('住址：浙江省湖州市北港县白鹤乡学府路80号·', 100, 100, 99)], resident);
    expect(byKey(fs, 'address').value).toBe('浙江省湖州市北港县白鹤乡学府路80号');
  });

  it('a lone Latin letter amid Chinese keeps the value under 90', () => {
    const read = (s: string) => byKey(fieldsByLabels([line(`住址：${s}`, 100, 100, 99)], resident), 'address');
    expect(read('安徽省阜阳市I临泉县兴隆镇人民路85号').confidence).toBeLessThan(90);
    expect(read('安徽省阜阳市临泉县兴隆镇人民路85号').confidence).toBeGreaterThanOrEqual(90);
  });
});

describe('an engine whose character confidences do not vouch for a value', () => {
  it('leaves names and addresses under 90 and lets checked values be sure', () => {
    const id = idFor('19790625', false);
    const lines = [line('姓名：刘芳', 100, 100, 97), line(`公民身份号码：${id}`, 100, 200, 97)];
    const plain = fieldsByLabels(lines, resident);
    expect(byKey(plain, 'name').confidence).toBeGreaterThanOrEqual(90);
    const strict = fieldsByLabels(lines, resident, { checkedOnly: true });
    expect(byKey(strict, 'name').confidence).toBeLessThan(90);
    expect(byKey(strict, 'idNumber').confidence).toBeGreaterThanOrEqual(90);
  });
});
