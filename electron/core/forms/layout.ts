/**
 * A small layout language for ruled forms: a table of rows, each row a run of cells
 * that are either printed labels or value zones. The built-in templates are written in
 * it, and it yields the template's frame, label boxes and field boxes in millimetres.
 */
import type { Box, FormTemplate, TemplateField } from '../../contract/forms';

type FieldSpec = Omit<TemplateField, 'box' | 'label'> & { label?: string };
/** A cell: `[widthMm, '姓名']` is a printed label; `[widthMm, { key, kind, … }]` a value zone. */
export type Cell = [number, string | FieldSpec];
export interface Row {
  h: number;
  cells: Cell[];
}

export interface TableSpec {
  x: number;
  y: number;
  rows: Row[];
}

/** Lays the table out: every cell gets its box; a value cell takes its label from the cell before. */
export function layTable(spec: TableSpec): Pick<FormTemplate, 'frame' | 'labels' | 'fields'> {
  const labels: FormTemplate['labels'] = [];
  const fields: TemplateField[] = [];
  let y = spec.y;
  let width = 0;
  for (const row of spec.rows) {
    let x = spec.x;
    let lastLabel = '';
    for (const [w, content] of row.cells) {
      const box: Box = { x: round(x), y: round(y), w, h: row.h };
      if (typeof content === 'string') {
        labels.push({ text: content, box });
        lastLabel = content;
      } else {
        fields.push({ ...content, label: content.label ?? lastLabel, box });
      }
      x += w;
    }
    width = Math.max(width, x - spec.x);
    y += row.h;
  }
  return { frame: { x: spec.x, y: spec.y, w: round(width), h: round(y - spec.y) }, labels, fields };
}

const round = (v: number) => Math.round(v * 100) / 100;
