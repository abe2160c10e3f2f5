/**
 * Label/value pairs of a page no dictionary knows (label-pairs.ts), on recognised lines
 * built here: "label：value" runs and ruled label cells, a label with no value (empty, no
 * number), a value with no label (no field), a label printed twice (two forms: the first
 * only, and said), and prose (nothing).
 */
import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../../electron/core/ocr';
import { findPairs, guessKind, looksLikeLabel } from '../../electron/core/forms/label-pairs';

const CHAR = 40;
function line(text: string, x = 100, y = 100, conf = 90): OcrLine {
  const chars = [...text];
  const words = chars
    .map((ch, i) => ({ ch, i }))
    .filter(({ ch }) => ch !== ' ')
    .map(({ ch, i }) => ({
      text: ch,
      confidence: conf,
      bbox: { x0: x + i * CHAR, y0: y, x1: x + (i + 1) * CHAR - 4, y1: y + 40 },
    }));
  return { text, confidence: conf, bbox: { x0: x, y0: y, x1: x + chars.length * CHAR, y1: y + 40 }, words };
}

describe('label/value pairs of an unknown form', () => {
  it('takes "label：value" runs, several to a line, with the value box and a guessed kind', () => {
    const { pairs } = findPairs([
      line('姓名：王小明  性别：男', 100, 100),
      line('公民身份号码：110101199001011234', 100, 200),
      line('办证日期：2020年5月6日  车牌号：京A12345', 100, 300),
    ]);
    expect(pairs.map((p) => [p.label, p.value, p.kind])).toEqual([
      ['姓名', '王小明', 'name'],
      ['性别', '男', 'sex'],
      ['公民身份号码', '110101199001011234', 'idNumber'],
      ['办证日期', '2020年5月6日', 'date'],
      ['车牌号', '京A12345', 'text'],
    ]);
    const name = pairs[0]!;
    expect(name.key).toBe('name');
    expect(name.valueBox).toEqual({ x: 100 + 3 * CHAR, y: 100, w: 3 * CHAR - 4, h: 40 });
    expect(name.ocr).toBe(90);
  });

  it('pairs ruled label cells with the cell to their right', () => {
    const { pairs } = findPairs([
      line('姓名', 100, 100),
      line('李四', 400, 100),
      line('联系电话', 800, 100),
      line('13800001111', 1200, 100),
    ]);
    expect(pairs.map((p) => [p.label, p.value, p.kind])).toEqual([
      ['姓名', '李四', 'name'],
      ['联系电话', '13800001111', 'digits'],
    ]);
  });

  it('leaves a label with no value empty, and gives a value with no label to no field', () => {
    const { pairs, notes } = findPairs([
      line('姓名', 100, 100),
      line('工作单位', 400, 100),
      line('某某公司', 800, 100),
      line('孤立的一行字', 100, 300),
    ]);
    expect(pairs.map((p) => [p.label, p.value])).toEqual([
      ['姓名', ''],
      ['工作单位', '某某公司'],
    ]);
    expect(pairs[0]).toMatchObject({ valueBox: null, ocr: null });
    expect(pairs.some((p) => p.value.includes('孤立'))).toBe(false);
    expect(notes).toContain('1 个标签旁未找到值（未识别）');
    expect(notes.some((n) => n.includes('不属于任何标签'))).toBe(true);
  });

  it('takes the first of two forms on one page and says so', () => {
    const { pairs, notes } = findPairs([
      line('姓名：张三', 100, 100),
      line('住址：北京市东城区', 100, 200),
      line('姓名：李四', 100, 1600),
      line('住址：上海市黄浦区', 100, 1700),
    ]);
    expect(pairs.map((p) => p.value)).toEqual(['张三', '北京市东城区']);
    expect(notes[0]).toMatch(/两份表单/u);
  });

  it('finds nothing in prose', () => {
    const { pairs } = findPairs([
      line('今年以来，我所坚持以人民为中心的发展思想，', 100, 100),
      line('扎实推进各项工作：一是加强户籍管理，二是优化服务。', 100, 200),
    ]);
    expect(pairs).toEqual([]);
  });

  it('tells labels from values and guesses kinds', () => {
    expect(looksLikeLabel('户主或与户主关系')).toBe(true);
    expect(looksLikeLabel('汉族')).toBe(false);
    expect(looksLikeLabel('王小明')).toBe(false);
    expect(guessKind('出生年月', '')).toBe('date');
    expect(guessKind('备注', '2020.01.02')).toBe('date');
    expect(guessKind('与户主关系', '之子')).toBe('text');
  });
});
