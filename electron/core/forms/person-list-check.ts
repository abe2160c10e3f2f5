/**
 * A list of people on a form (随迁人员, 家庭成员): one line each, "姓名 关系 公民身份号码".
 * OCR runs the three together (马艳红妻430524…); each line is split back into its parts
 * — the ID number from the first digit on, the relation as the longest listed word at
 * the end of the Chinese part — and each part is checked like its own field. A line that
 * cannot be split is kept as read and the field is flagged for the clerk.
 */
import { halfWidth } from '../importer';
import { VOCAB } from './vocab';

export interface ListCheck {
  value: string;
  valid: boolean;
  issue: string | null;
}

type IdCheck = (raw: string) => { value: string; valid: boolean };

const RELATIONS = [...VOCAB.relation].sort((a, b) => b.length - a.length);

export function checkPersonList(raw: string, checkId: IdCheck): ListCheck {
  const lines = raw
    .split('\n')
    .map((l) => halfWidth(l).replace(/\s+/g, ''))
    .filter(Boolean);
  if (lines.length === 0) return { value: '', valid: true, issue: null };
  const problems: string[] = [];
  const out = lines.map((line, i) => {
    const parsed = splitLine(line, checkId);
    if (!parsed.ok) problems.push(`第${i + 1}行${parsed.why}`);
    return parsed.text;
  });
  const value = out.join('\n');
  return problems.length ? { value, valid: false, issue: problems.join('；') } : { value, valid: true, issue: null };
}

function splitLine(line: string, checkId: IdCheck): { ok: boolean; text: string; why?: string } {
  // The ID number is the line's last 18 digits (X last); a digit before them is a misread word.
  const idMatch = /[0-9]{17}[0-9Xx]$/.exec(line) ?? /[0-9][0-9Xx]*$/.exec(line);
  const digitAt = idMatch ? idMatch.index : -1;
  const words = digitAt < 0 ? line : line.slice(0, digitAt);
  const id = digitAt < 0 ? '' : checkId(line.slice(digitAt));
  const cjk = words.replace(/[^\u3400-\u9fff·]/g, '');
  const relation = RELATIONS.find((r) => cjk.endsWith(r) && cjk.length - r.length >= 2);
  if (!relation) return { ok: false, text: line, why: '的关系无法识别' };
  const name = cjk.slice(0, cjk.length - relation.length);
  if (name.length > 6) return { ok: false, text: line, why: '的姓名过长' };
  const text = [name, relation, id ? id.value : ''].filter(Boolean).join(' ');
  if (!id) return { ok: false, text, why: '缺少公民身份号码' };
  if (!id.valid) return { ok: false, text, why: '的公民身份号码未通过校验' };
  return { ok: true, text };
}
