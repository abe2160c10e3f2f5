/**
 * A new template proposed from a read page (forms.templates.proposeFromPage): the page's
 * label/value pairs (forms' findPairs) become zones in millimetres on the sample, each on
 * its value, labelled by the printed label, its kind guessed. Nothing is saved: the clerk
 * confirms, moves or deletes the zones in the editor and saves as for a drawn template.
 */
import type { Box, TemplateField } from '../../contract/forms';
import type { TemplateDraft, TemplateProposal } from '../../contract/templates';
import { findPairs, type LabelPair, type PixelBox } from '../forms';
import type { OcrLine } from '../ocr';

/** Room around a value, and the width of a zone beside a label with no value (millimetres). */
const PAD_MM = 1;
const EMPTY_W_MM = 40;
const round1 = (v: number) => Math.round(v * 10) / 10;

function zoneBox(p: LabelPair, draft: TemplateDraft): Box {
  const mm = (px: number) => (px / draft.dpi) * 25.4;
  // A label with no value: the zone stands right of it, where its value would be written.
  const px: PixelBox = p.valueBox ?? {
    x: p.labelBox.x + p.labelBox.w + p.labelBox.h,
    y: p.labelBox.y,
    w: (EMPTY_W_MM / 25.4) * draft.dpi,
    h: p.labelBox.h,
  };
  const x = Math.max(0, mm(px.x) - PAD_MM);
  const y = Math.max(0, mm(px.y) - PAD_MM);
  const w = Math.min(mm(px.w) + 2 * PAD_MM, draft.page.w - x);
  const h = Math.min(mm(px.h) + 2 * PAD_MM, draft.page.h - y);
  return {
    x: round1(x),
    y: round1(y),
    w: Math.max(1, Math.floor(w * 10) / 10),
    h: Math.max(1, Math.floor(h * 10) / 10),
  };
}

/** One zone per pair, keys unique (a dictionary's key when it prints the same label, else fieldN). */
export function proposeTemplate(draft: TemplateDraft, lines: readonly OcrLine[]): TemplateProposal {
  if (!lines.length)
    return { ...draft, fields: [], values: {}, notes: ['此页尚未识别文字：请先识别，再从此页生成模板'] };
  const { pairs, notes } = findPairs(lines);
  const used = new Set<string>();
  const keyOf = (p: LabelPair) => {
    if (p.key && !used.has(p.key)) return p.key;
    for (let n = 1; ; n++) if (!used.has(`field${n}`)) return `field${n}`;
  };
  const fields: TemplateField[] = [];
  const values: Record<string, string> = {};
  for (const p of pairs.slice(0, 200)) {
    const key = keyOf(p);
    used.add(key);
    fields.push({ key, label: p.label.slice(0, 40), kind: p.kind, box: zoneBox(p, draft) });
    values[key] = p.value;
  }
  if (!fields.length) notes.unshift('此页未找到“标签：值”或标签单元格，无法生成字段：请在样张上画出字段');
  return { ...draft, fields, values, notes };
}
