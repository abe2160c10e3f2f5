import type { Ref } from 'react';
import { t } from '../i18n/zh-CN';
import { formatDate, parseDate } from '../lib/format';

interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  ref?: Ref<HTMLInputElement>;
}

/**
 * A date typed as text (20190302, 2019-3-2, 2019年3月2日 …) and shown as YYYY-MM-DD once
 * the field is left; the form converts it to the stored YYYYMMDD with parseDate on save.
 */
export function DateInput({ id, value, onChange, disabled, ref }: Props) {
  return (
    <input
      id={id}
      ref={ref}
      value={value}
      placeholder={t('item.datePlaceholder')}
      maxLength={12}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      onBlur={() => {
        const ymd = parseDate(value);
        if (ymd && formatDate(ymd) !== value) onChange(formatDate(ymd));
      }}
    />
  );
}
