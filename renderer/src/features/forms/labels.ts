/** Display words for field kinds, value lists and where an accepted value goes. */
import {
  ENUM_LISTS,
  FIELD_KINDS,
  type CategoryView,
  type EnumList,
  type FieldKind,
} from '../../../../electron/contract';
import { t, type MessageKey } from '../../i18n/zh-CN';

export const KIND_OPTIONS: { value: FieldKind; label: string }[] = FIELD_KINDS.map((k) => ({
  value: k,
  label: t(`forms.kind.${k}` satisfies MessageKey),
}));

export const ENUM_OPTIONS: { value: EnumList; label: string }[] = ENUM_LISTS.map((k) => ({
  value: k,
  label: t(`forms.enum.${k}` satisfies MessageKey),
}));

/** The item's and the person's own columns a form can fill (zFieldTarget's fixed part). */
const FIXED_TARGETS = [
  'item.title',
  'item.date',
  'item.docNumber',
  'item.author',
  'person.name',
  'person.idNumber',
] as const;

/**
 * What a zone's value may fill: the fixed columns, the chosen category's extra fields
 * (inherited ones included), and any extra field the template names already that the
 * category lacks (kept, so opening a template never changes it).
 */
export function targetOptions(
  category: CategoryView | null,
  current: readonly string[],
): { value: string; label: string }[] {
  const out = FIXED_TARGETS.map((v) => ({ value: v as string, label: t(`forms.target.${v}` satisfies MessageKey) }));
  const extras = category?.effectiveFields ?? [];
  for (const f of extras) out.push({ value: `extra.${f.key}`, label: t('forms.target.extra', { label: f.label }) });
  for (const v of current) {
    if (!v || out.some((o) => o.value === v)) continue;
    out.push({ value: v, label: t('forms.target.extraUnknown', { key: v.replace(/^extra\./, '') }) });
  }
  return out;
}
