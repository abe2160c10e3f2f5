import type { ItemView, Retention, SecurityLevel } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';

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

export function draftFromItem(item: ItemView): ItemDraft {
  return {
    categoryId: item.categoryId,
    year: String(item.year),
    retention: item.retention,
    orgCode: item.orgCode,
    volumeId: item.volumeId ?? '',
    title: item.title,
    author: item.author,
    docNumber: item.docNumber,
    date: item.date,
    pageCount: item.pageCount === null ? '' : String(item.pageCount),
    securityLevel: item.securityLevel,
    remarks: item.remarks,
    extra: { ...item.extra },
    persons: item.persons.length
      ? item.persons.map((p) => ({ name: p.name, idNumber: p.idNumber ?? '' }))
      : [emptyPerson()],
  };
}

export const validYear = (y: string): boolean => /^\d{4}$/.test(y.trim());

/** Client-side checks the server cannot express per field (it would only say "invalid number"). */
export function localErrors(d: ItemDraft, needsVolume: boolean, creating: boolean): Record<string, string> {
  const e: Record<string, string> = {};
  if (creating) {
    if (!d.categoryId) e.categoryId = t('item.chooseCategory');
    if (!validYear(d.year)) e.year = t('item.yearInvalid');
    if (needsVolume && !d.volumeId) e.volumeId = t('item.volumeRequired');
  }
  if (d.pageCount.trim() && !/^\d+$/.test(d.pageCount.trim())) e.pageCount = t('item.numberInvalid');
  return e;
}

export function itemBody(d: ItemDraft, extraKeys: string[]) {
  const extra: Record<string, string> = {};
  for (const k of extraKeys) {
    const v = (d.extra[k] ?? '').trim();
    if (v) extra[k] = v;
  }
  return {
    title: d.title,
    author: d.author,
    docNumber: d.docNumber,
    date: d.date.trim(),
    pageCount: d.pageCount.trim() ? Number(d.pageCount.trim()) : null,
    securityLevel: d.securityLevel,
    remarks: d.remarks,
    extra,
    persons: d.persons
      .filter((p) => p.name.trim() || p.idNumber.trim())
      .map((p) => ({ name: p.name, idNumber: p.idNumber })),
  };
}
