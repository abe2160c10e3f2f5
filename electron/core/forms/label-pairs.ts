/**
 * Label/value pairs of a page whose form type no dictionary knows: "label：value" runs
 * on a line (several to a line), and short label cells followed by the cell to their right
 * (a ruled form read cell by cell). They are offered to the clerk as a new template's
 * fields, so nothing here is a reading of record: a label with no value stays empty, a
 * value with no label belongs to no field, and a second copy of a label (two forms on
 * one page) is left out and said.
 */
import type { OcrLine } from '../ocr';
import { DICTIONARIES } from './dictionary';
import { type PageChar, type PageLine, pageLine } from './label-find';

export type PairKind = 'name' | 'idNumber' | 'date' | 'sex' | 'digits' | 'text';

export interface PixelBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LabelPair {
  /** The label as printed (no colon). */
  label: string;
  /** The value as read; '' when the label has no value beside it (未识别). */
  value: string;
  kind: PairKind;
  /** A known field key when a dictionary prints the same label, else null. */
  key: string | null;
  labelBox: PixelBox;
  /** Where the value is, in page pixels; null when there is none. */
  valueBox: PixelBox | null;
  /** Mean OCR confidence of the value's characters; null when there is no value. */
  ocr: number | null;
}

export interface PagePairs {
  pairs: LabelPair[];
  /** What could not be trusted, for the clerk (zh-CN). */
  notes: string[];
}

const COLON = /[：:]/u;
/** Punctuation of sentences, which no form value carries; and the longest value on one line. */
const SENTENCE = /[，。；！？]/u;
const MAX_VALUE = 40;
const HAN_LABEL = /^[\p{Script=Han}（）()、/]{2,12}$/u;
/** Words printed labels are made of; a short Han cell holding one is a label, not a value. */
const LABEL_WORDS =
  '姓名 性别 民族 出生 日期 年月 号码 身份 住址 地址 籍贯 单位 职业 程度 婚姻 关系 电话 原因 事由 户别 户号 签章 签名 承办 处所 地点 时间 名称 编号 类别 类型 学历 身高 血型 兵役 宗教 状况 户主 迁来 迁往 邮编 联系 证件 有效期 备注 意见 申请人 经办 审批 年龄 政治面貌 工作 学校 用名 事项 所在地 来源 国籍 证号 接待 负责人 联系人'.split(
    ' ',
  );
const KNOWN = new Map(DICTIONARIES.flatMap((d) => d.fields.flatMap((f) => f.labels.map((l) => [core(l), f.key]))));

function core(s: string): string {
  return s.replace(/[\s\p{P}\p{S}]/gu, '');
}

/** A cell that reads as a printed label: short Han text holding a label word or a known label. */
export function looksLikeLabel(text: string): boolean {
  const c = text.replace(/\s/gu, '').replace(/[：:]$/u, '');
  if (!HAN_LABEL.test(c) || [...c].length > 10) return false;
  return KNOWN.has(core(c)) || LABEL_WORDS.some((w) => c.includes(w));
}

const DATE = /^\d{4}\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}\s*日?$/u;
const ID = /^\d{17}[\dXx]$/u;

/** The kind a clerk most likely wants, from the printed label and the value read beside it. */
export function guessKind(label: string, value: string): PairKind {
  const v = value.replace(/\s/gu, '');
  if (/身份|证号/u.test(label) || ID.test(v)) return 'idNumber';
  if (/日期|年月|生日|时间/u.test(label) || DATE.test(v)) return 'date';
  if (label === '性别') return 'sex';
  if (/姓名|名字|用名|签名|人$/u.test(label) && !/关系/u.test(label)) return 'name';
  if (/^\d+$/u.test(v) || /户号|编号|邮编|电话|身高|年龄/u.test(label)) return 'digits';
  return 'text';
}

const idOf = (c: PageChar) => `${c.src}:${c.at}`;
const isBlank = (c: PageChar) => /\s/u.test(c.ch);

function boxOf(cs: readonly PageChar[], line: PageLine): PixelBox {
  const x0 = Math.min(...cs.map((c) => c.x0));
  const x1 = Math.max(...cs.map((c) => c.x1));
  return {
    x: Math.round(x0),
    y: Math.round(line.bbox.y0),
    w: Math.round(x1 - x0),
    h: Math.round(line.bbox.y1 - line.bbox.y0),
  };
}

const textOf = (cs: readonly PageChar[]) =>
  cs
    .filter((c) => !isBlank(c))
    .map((c) => c.ch)
    .join('');

interface Found {
  label: string;
  labelChars: PageChar[];
  line: PageLine;
  valueChars: PageChar[];
  valueLine: PageLine | null;
}

/** "label：value" runs on one line: each label starts the line or follows a space. */
function inlinePairs(line: PageLine): Found[] {
  const cs = line.chars;
  const starts: { from: number; colon: number }[] = [];
  for (let i = 0; i < cs.length; i++) {
    if (!COLON.test(cs[i]!.ch)) continue;
    let from = i;
    while (from > 0 && !isBlank(cs[from - 1]!) && !COLON.test(cs[from - 1]!.ch)) from--;
    const label = textOf(cs.slice(from, i));
    if (HAN_LABEL.test(label) && [...label].length <= 10) starts.push({ from, colon: i });
  }
  const out: Found[] = [];
  for (const [k, s] of starts.entries()) {
    const end = starts[k + 1]?.from ?? cs.length;
    const value = cs.slice(s.colon + 1, end).filter((c) => !isBlank(c));
    // Prose has colons too ("工作：一是……，二是……。"): a form's value is no sentence.
    if (value.length > MAX_VALUE || value.some((c) => SENTENCE.test(c.ch))) return [];
    const labelChars = cs.slice(s.from, s.colon);
    // With nothing after it, only a word that reads as a label is one (not a letter's 各派出所：).
    if (!value.length && !looksLikeLabel(textOf(labelChars))) continue;
    out.push({ label: textOf(labelChars), labelChars, line, valueChars: value, valueLine: value.length ? line : null });
  }
  return out;
}

const midY = (l: PageLine) => (l.bbox.y0 + l.bbox.y1) / 2;

/** The nearest line to the right of `l` on its row: the next cell. */
function nextCell(l: PageLine, lines: readonly PageLine[]): PageLine | null {
  return (
    lines
      .filter((o) => o !== l && o.bbox.x0 >= l.bbox.x1 - 0.5 * (l.bbox.y1 - l.bbox.y0))
      .filter((o) => midY(o) > l.bbox.y0 && midY(o) < l.bbox.y1)
      .sort((a, b) => a.bbox.x0 - b.bbox.x0)[0] ?? null
  );
}

/** Every label/value pair on the page, in reading order; repeated labels (a second form) left out. */
export function findPairs(ocrLines: readonly OcrLine[]): PagePairs {
  const lines = ocrLines.map((l, i) => pageLine(l, i)).filter((l) => l.chars.some((c) => !isBlank(c)));
  const found: Found[] = [];
  const used = new Set<PageLine>();
  for (const l of lines) {
    const inline = inlinePairs(l);
    if (inline.length) {
      found.push(...inline);
      used.add(l);
    }
  }
  const cellLabels = lines.filter((l) => !used.has(l) && looksLikeLabel(textOf(l.chars)));
  for (const l of cellLabels) used.add(l);
  for (const l of cellLabels) {
    const next = nextCell(l, lines);
    // The next cell is a value only when it is no label itself and no pair took it.
    const value = next && !used.has(next) ? next : null;
    if (value) used.add(value);
    const label = textOf(l.chars).replace(/[：:]$/u, '');
    found.push({
      label,
      labelChars: l.chars.filter((c) => !isBlank(c)),
      line: l,
      valueChars: value ? value.chars.filter((c) => !isBlank(c)) : [],
      valueLine: value,
    });
  }
  // An inline label whose value is empty may have it in the next cell (a ruled "label：" cell).
  for (const f of found)
    if (!f.valueChars.length && f.line.chars.at(-1) && COLON.test(textOf(f.line.chars).slice(-1))) {
      const next = nextCell(f.line, lines);
      if (next && !used.has(next)) {
        used.add(next);
        f.valueChars = next.chars.filter((c) => !isBlank(c));
        f.valueLine = next;
      }
    }
  // Reading order: by row (lines whose middles lie within half a line of each other), then left to right.
  const sameRow = (a: PageLine, b: PageLine) => Math.abs(midY(a) - midY(b)) < 0.5 * (a.bbox.y1 - a.bbox.y0);
  found.sort((a, b) =>
    sameRow(a.line, b.line) ? a.labelChars[0]!.x0 - b.labelChars[0]!.x0 : a.line.bbox.y0 - b.line.bbox.y0,
  );
  const seen = new Set<string>();
  const repeated = new Set<string>();
  const pairs: LabelPair[] = [];
  for (const f of found) {
    if (seen.has(f.label)) {
      repeated.add(f.label);
      continue;
    }
    seen.add(f.label);
    const value = textOf(f.valueChars);
    pairs.push({
      label: f.label,
      value,
      kind: guessKind(f.label, value),
      key: KNOWN.get(core(f.label)) ?? null,
      labelBox: boxOf(f.labelChars, f.line),
      valueBox: f.valueLine && f.valueChars.length ? boxOf(f.valueChars, f.valueLine) : null,
      ocr: f.valueChars.length ? f.valueChars.reduce((s, c) => s + c.conf, 0) / f.valueChars.length : null,
    });
  }
  const notes: string[] = [];
  if (repeated.size)
    notes.push(
      `标签“${[...repeated].slice(0, 3).join('、')}”在页面上出现多次，可能是一页上的两份表单：只取第一处，其余未取`,
    );
  const empty = pairs.filter((p) => !p.value).length;
  if (empty) notes.push(`${empty} 个标签旁未找到值（未识别）`);
  const loose = lines.filter((l) => !used.has(l) && !idsIn(found).has(idOf(l.chars[0]!))).length;
  if (pairs.length && loose) notes.push(`${loose} 行文字不属于任何标签，未作为字段`);
  return { pairs, notes };
}

const idsIn = (found: readonly Found[]) => new Set(found.flatMap((f) => [...f.labelChars, ...f.valueChars].map(idOf)));
