/**
 * The editor's working copy of a template: the template's own fields as the clerk edits
 * them (titles as lines of text, an empty string for "none"), and its zones with a local
 * id so a zone keeps its identity while its key is being typed or duplicated.
 */
import type {
  Box,
  EnumList,
  FieldKind,
  FormTemplate,
  TemplateDraft,
  TemplateField,
} from '../../../../electron/contract';

export interface Zone {
  uid: number;
  key: string;
  label: string;
  kind: FieldKind;
  enumOf: EnumList | '';
  required: boolean;
  /** '' = the value goes nowhere (read and checked only). */
  target: string;
  box: Box;
}

export interface Meta {
  id: string;
  name: string;
  version: number;
  /** One printed title per line. */
  titles: string;
  itemTitle: string;
  page: { w: number; h: number };
  frame: Box | null;
  /** Printed label cells: kept as they are (the editor does not draw them). */
  labels: FormTemplate['labels'];
  /** Which category the form's pages become records in: kept as it is (批量生成档案). */
  record?: FormTemplate['record'];
}

let lastUid = 0;
export const newUid = (): number => ++lastUid;

export const zoneOf = (f: TemplateField): Zone => ({
  uid: newUid(),
  key: f.key,
  label: f.label,
  kind: f.kind,
  enumOf: f.enumOf ?? '',
  required: f.required === true,
  target: f.target ?? '',
  box: { ...f.box },
});

export const metaOf = (t: FormTemplate): Meta => ({
  id: t.id,
  name: t.name,
  version: t.version,
  titles: t.titles.join('\n'),
  itemTitle: t.itemTitle ?? '',
  page: { ...t.page },
  frame: t.frame ? { ...t.frame } : null,
  labels: t.labels,
  ...(t.record ? { record: t.record } : {}),
});

export const metaOfDraft = (d: TemplateDraft): Meta => ({
  id: '',
  name: d.titles[0] ?? '',
  version: 1,
  titles: d.titles.join('\n'),
  itemTitle: '',
  page: { ...d.page },
  frame: d.frame ? { ...d.frame } : null,
  labels: [],
});

export const titlesOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The template as saved (and exported): optional parts left out when empty. */
export function toTemplate(meta: Meta, zones: readonly Zone[]): FormTemplate {
  return {
    id: meta.id.trim(),
    name: meta.name.trim(),
    version: meta.version,
    titles: titlesOf(meta.titles),
    page: meta.page,
    frame: meta.frame,
    labels: meta.labels,
    fields: zones.map((z) => ({
      key: z.key.trim(),
      label: z.label.trim(),
      box: z.box,
      kind: z.kind,
      ...(z.kind === 'enum' && z.enumOf ? { enumOf: z.enumOf } : {}),
      ...(z.required ? { required: true } : {}),
      ...(z.target ? { target: z.target } : {}),
    })),
    ...(meta.itemTitle.trim() ? { itemTitle: meta.itemTitle.trim() } : {}),
    ...(meta.record ? { record: meta.record } : {}),
  };
}

/** The first free `fieldN` key. */
export function nextKey(zones: readonly Zone[]): string {
  const used = new Set(zones.map((z) => z.key));
  for (let n = zones.length + 1; ; n++) if (!used.has(`field${n}`)) return `field${n}`;
}

/** A free id for a copy: `resident-registration-2`, `-3` … (within the schema's 41 characters). */
export function copyId(id: string, taken: ReadonlySet<string>): string {
  const stem = id.replace(/-\d+$/, '').slice(0, 37);
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}
