/**
 * Form templates: where each field of a printed form sits, what kind of value it
 * holds and where an accepted value goes. Geometry is in millimetres on the page, so a
 * template fits any scan resolution. Templates are files a clerk can export and import.
 */
import { z } from 'zod';

export const zBox = z.object({
  x: z.number().min(0).max(1000),
  y: z.number().min(0).max(1000),
  w: z.number().positive().max(1000),
  h: z.number().positive().max(1000),
});
export type Box = z.infer<typeof zBox>;

/** How a zone is read and validated. */
export const FIELD_KINDS = [
  'text',
  'name',
  'idNumber',
  'date',
  'sex',
  'enum',
  'digits',
  'block',
  'archiveCode',
  /** Lines of 姓名 关系 公民身份号码 (随迁人员, 家庭成员). */
  'personList',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** Closed vocabularies a field is snapped to (GB/T 3304 民族, GB/T 4658 文化程度, GB/T 2261 婚姻 …). */
export const ENUM_LISTS = [
  'ethnicity',
  'education',
  'marital',
  'householdType',
  'military',
  'blood',
  'residenceBasis',
  'relation',
] as const;
export type EnumList = (typeof ENUM_LISTS)[number];

/**
 * Where an accepted value goes: the item's own columns, one of its category's extra
 * fields, or the person the form is about (linked to the item, 一人一档).
 */
export const zFieldTarget = z.union([
  z.enum(['item.title', 'item.date', 'item.docNumber', 'item.author', 'person.name', 'person.idNumber']),
  z.string().regex(/^extra\.[A-Za-z][A-Za-z0-9_]{0,40}$/, { error: '字段去向应为 extra.字段键' }),
]);

export const zTemplateField = z.object({
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_.]{0,40}$/, { error: '字段键只能含字母、数字、下划线和点' }),
  label: z.string().trim().min(1).max(40),
  box: zBox,
  kind: z.enum(FIELD_KINDS),
  enumOf: z.enum(ENUM_LISTS).optional(),
  /** Must not be blank on a filed form (e.g. 承办人签章 and 登记日期 on 常住人口登记表). */
  required: z.boolean().optional(),
  target: zFieldTarget.optional(),
});
export type TemplateField = z.infer<typeof zTemplateField>;

export const zFormTemplate = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, { error: '模板标识只能含小写字母、数字和连字符' }),
    name: z.string().trim().min(1).max(40),
    version: z.number().int().min(1),
    /** Printed titles that identify the form (matched against the OCR of the page head). */
    titles: z.array(z.string().trim().min(2).max(40)).min(1),
    page: z.object({ w: z.number().positive().max(1000), h: z.number().positive().max(1000) }),
    /** The printed table's outer frame: scans are registered by aligning on it. */
    frame: zBox.nullable(),
    /** Printed label cells (drawn by the test generator; also ruled cells of the form). */
    labels: z.array(z.object({ text: z.string().max(40), box: zBox })).max(400),
    fields: z.array(zTemplateField).min(1).max(200),
    /** Title for the item made from this form, e.g. `常住人口登记表（{name}）`. */
    itemTitle: z.string().max(80).optional(),
    /**
     * Where a verified page of this form becomes a record (batch → records): the category's
     * full code (e.g. `ZY·HJ·QR`) and extra field values every such record gets (业务类型).
     * Which form field fills which item field is each field's `target`.
     */
    record: z
      .object({
        category: z.string().trim().min(1).max(60),
        extra: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,40}$/), z.string().max(200)).optional(),
      })
      .optional(),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    for (const [i, f] of t.fields.entries()) {
      if (seen.has(f.key))
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: `字段键重复：${f.key}` });
      seen.add(f.key);
      if (f.kind === 'enum' && !f.enumOf)
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'enumOf'], message: '枚举字段须指定取值表' });
      if (f.box.x + f.box.w > t.page.w + 0.01 || f.box.y + f.box.h > t.page.h + 0.01)
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'box'], message: `字段“${f.label}”超出页面` });
    }
  });
export type FormTemplate = z.infer<typeof zFormTemplate>;

/** How template millimetres map to page pixels: scale per axis and the offset of the paper's corner. */
export interface Registration {
  sx: number;
  sy: number;
  ox: number;
  oy: number;
}

/**
 * Registers a page to a template: the printed table frame found on the page (in pixels)
 * is matched to the template's frame (in mm), which fixes scale and offset, so a scan
 * shifted on the glass or printed a little larger still lands right. Without a frame,
 * `pxPerMm` (the scan's resolution) places zones from the paper's corner. Shared by OCR's
 * zone reading and the template editor, so a zone drawn is a zone read.
 */
export function registration(templateFrame: Box | null, found: Box | null, pxPerMm: number): Registration {
  if (!templateFrame || !found) return { sx: pxPerMm, sy: pxPerMm, ox: 0, oy: 0 };
  const fx = found.w / templateFrame.w;
  const fy = found.h / templateFrame.h;
  // A frame much wider than tall relative to the template is a partial find (a ruling
  // line missed): trust the resolution for scale, the frame for position.
  const consistent = Math.abs(fx - fy) / Math.max(fx, fy) < 0.06 && Math.abs(fx - pxPerMm) / pxPerMm < 0.25;
  const sx = consistent ? fx : pxPerMm;
  const sy = consistent ? fy : pxPerMm;
  return { sx, sy, ox: found.x - templateFrame.x * sx, oy: found.y - templateFrame.y * sy };
}
