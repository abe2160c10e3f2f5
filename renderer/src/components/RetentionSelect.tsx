import { RETENTIONS, type Retention } from '../../../electron/contract';
import { retentionLabel } from '../lib/format';

interface Common {
  id: string;
  value: Retention | '';
  disabled?: boolean;
}

/** 保管期限: one option per retention; `emptyLabel` adds a leading "" choice. */
type Props = Common &
  (
    | { emptyLabel?: undefined; onChange: (value: Retention) => void }
    | { emptyLabel: string; onChange: (value: Retention | '') => void }
  );

export function RetentionSelect({ id, value, disabled, emptyLabel, onChange }: Props) {
  return (
    <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as Retention)}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {RETENTIONS.map((r) => (
        <option key={r} value={r}>
          {retentionLabel(r)}
        </option>
      ))}
    </select>
  );
}
