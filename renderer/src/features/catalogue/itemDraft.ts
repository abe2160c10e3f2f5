import type { FieldDef, ItemView, Retention, SecurityLevel } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { formatDate, parseDate } from '../../lib/format';

export interface PersonDraft {
  name: string;
  idNumber: string;
}

export interface ItemDraft {
  categoryId: string;
  year: string;
  retention: Retention | '';
  orgCode: string;
  volumeId: string;
  title: string;
  author: string;
  docNumber: string;
  date: string;
  pageCount: string;
  securityLevel: SecurityLevel;
  remarks: string;
  extra: Record<string, string>;
  persons: PersonDraft[];
}

export interface ItemPreset {
  categoryId?: string;
  year?: number;
  retention?: Retention;
  orgCode?: string;
  volumeId?: string | null;
}

export const emptyPerson = (): PersonDraft => ({ name: '', idNumber: '' });

export function blankDraft(keep: Partial<ItemDraft> = {}): ItemDraft {
  return {
    categoryId: '',
    // Only a fallback: the form sets 年度 from the 日期 typed or the volume chosen.
    year: String(new Date().getFullYear()),
    retention: '',
    orgCode: '',
    volumeId: '',
    title: '',
    author: '',
    docNumber: '',
    date: '',
    pageCount: '',
    securityLevel: 0,
    remarks: '',
    extra: {},
    persons: [emptyPerson()],
    ...keep,
  };
}

/** Dates are edited as YYYY-MM-DD (the way they are shown everywhere) and stored as YYYYMMDD. */
function datesForEditing(extra: Record<string, string>, fields: FieldDef[]): Record<string, string> {
  const out = { ...extra };
  for (const f of fields) if (f.type === 'date' && out[f.key]) out[f.key] = formatDate(out[f.key]);
  return out;
}

export function draftFromItem(item: ItemView, fields: FieldDef[] = []): ItemDraft {
  return {
    categoryId: item.categoryId,
    year: String(item.year),
    retention: item.retention,
    orgCode: item.orgCode,
    volumeId: item.volumeId ?? '',
    title: item.title,
    author: item.author,
    docNumber: item.docNumber,
    date: formatDate(item.date),
    pageCount: item.pageCount === null ? '' : String(item.pageCount),
    securityLevel: item.securityLevel,
    remarks: item.remarks,
    extra: datesForEditing(item.extra, fields),
    persons: item.persons.length
      ? item.persons.map((p) => ({ name: p.name, idNumber: p.idNumber ?? '' }))
      : [emptyPerson()],
  };
}

export const validYear = (y: string): boolean => /^\d{4}$/.test(y.trim());

/**
 * What the clerk typed, without the filing fields a new form fills in by itself: when this
 * differs from the form's starting point, closing the form would lose work.
 */
export function typedContent(d: ItemDraft): string {
  return JSON.stringify([
    d.title,
    d.author,
    d.docNumber,
    d.date.trim(),
    d.pageCount.trim(),
    d.securityLevel,
    d.remarks,
    Object.entries(d.extra)
      .filter(([, v]) => v.trim())
      .sort(([a], [b]) => a.localeCompare(b)),
    d.persons.filter((p) => p.name.trim() || p.idNumber.trim()),
  ]);
}

/** Client-side checks the server cannot express per field (it would only say "invalid number"). */
export function localErrors(
  d: ItemDraft,
  needsVolume: boolean,
  creating: boolean,
  fields: FieldDef[],
): Record<string, string> {
  const e: Record<string, string> = {};
  if (creating) {
    if (!d.categoryId) e.categoryId = t('item.chooseCategory');
    if (!validYear(d.year)) e.year = t('item.yearInvalid');
    if (needsVolume && !d.volumeId) e.volumeId = t('item.volumeRequired');
  }
  if (parseDate(d.date) === null) e.date = t('entry.dateInvalid');
  if (d.pageCount.trim() && !/^\d+$/.test(d.pageCount.trim())) e.pageCount = t('item.numberInvalid');
  for (const f of fields) {
    if (f.type === 'date' && parseDate(d.extra[f.key] ?? '') === null) e[`extra.${f.key}`] = t('entry.dateInvalid');
  }
  return e;
}

/** The DOM id of the control a field error belongs to (persons.2.idNumber → person-id-2). */
export function fieldDomId(key: string): string {
  const person = /^persons\.(\d+)\.(name|idNumber)$/.exec(key);
  if (person) return `${person[2] === 'name' ? 'person-name' : 'person-id'}-${person[1]}`;
  if (key.startsWith('extra.')) return `extra-${key.slice(6)}`;
  return `item-${key}`;
}

/**
 * The body for catalogue.create/update. Blank person rows are left out, so the server's row
 * numbers differ from the form's: `personRow[i]` is the form row of the i-th person sent.
 */
export function itemBody(d: ItemDraft, fields: FieldDef[]) {
  const extra: Record<string, string> = {};
  for (const f of fields) {
    const raw = (d.extra[f.key] ?? '').trim();
    const v = f.type === 'date' ? (parseDate(raw) ?? raw) : raw;
    if (v) extra[f.key] = v;
  }
  const personRow: number[] = [];
  const persons: PersonDraft[] = [];
  d.persons.forEach((p, i) => {
    if (!p.name.trim() && !p.idNumber.trim()) return;
    personRow.push(i);
    persons.push({ name: p.name, idNumber: p.idNumber });
  });
  const body = {
    title: d.title,
    author: d.author,
    docNumber: d.docNumber,
    date: parseDate(d.date) ?? d.date.trim(),
    pageCount: d.pageCount.trim() ? Number(d.pageCount.trim()) : null,
    securityLevel: d.securityLevel,
    remarks: d.remarks,
    extra,
    persons,
  };
  return { body, personRow };
}

/** Server field errors keyed by the form's person rows instead of the rows sent. */
export function toFormRows(errors: Record<string, string>, personRow: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const m = /^persons\.(\d+)\.(.+)$/.exec(key);
    out[m ? `persons.${personRow[Number(m[1])] ?? m[1]}.${m[2]}` : key] = message;
  }
  return out;
}

/** The new item's class from the tree's node: what Ctrl+N fills in before the clerk types. */
export function scopePreset(scope: {
  categoryId?: string;
  year?: number;
  retention?: ItemPreset['retention'];
  orgCode?: string;
  volumeId?: string;
}): ItemPreset | undefined {
  if (!scope.categoryId) return undefined;
  const p: ItemPreset = { categoryId: scope.categoryId };
  if (scope.year) p.year = scope.year;
  if (scope.retention) p.retention = scope.retention;
  if (scope.orgCode !== undefined) p.orgCode = scope.orgCode;
  if (scope.volumeId) p.volumeId = scope.volumeId;
  return p;
}
