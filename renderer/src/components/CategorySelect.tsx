import { useMemo, type Ref } from 'react';
import { t } from '../i18n/zh-CN';
import { orderedCategories, useScheme, type CategoryOption } from '../stores/scheme';

interface Props {
  id: string;
  value: string;
  onChange: (categoryId: string) => void;
  /** The categories to offer, in tree order; every category by default. */
  options?: CategoryOption[];
  disabled?: boolean;
  autoFocus?: boolean;
  ref?: Ref<HTMLSelectElement>;
}

/** 门类: a "请选择" choice, then the categories indented by depth. */
export function CategorySelect({ id, value, onChange, options, disabled, autoFocus, ref }: Props) {
  const categories = useScheme((s) => s.categories);
  const all = useMemo(() => orderedCategories(categories), [categories]);
  return (
    <select
      id={id}
      ref={ref}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      autoFocus={autoFocus}
    >
      <option value="">{t('item.chooseCategory')}</option>
      {(options ?? all).map(({ cat, depth }) => (
        <option key={cat.id} value={cat.id}>
          {'\u3000'.repeat(depth)}
          {cat.fullCode} {cat.name}
        </option>
      ))}
    </select>
  );
}
