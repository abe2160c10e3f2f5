import { SECURITY_LEVELS, type SecurityLevel } from '../../../electron/contract';
import { securityLabel } from '../lib/format';
import { useSession } from '../stores/session';

interface Props {
  id: string;
  value: SecurityLevel;
  onChange: (value: SecurityLevel) => void;
  /** The levels to offer; every level by default. */
  levels?: readonly SecurityLevel[];
}

/** 密级: one option per level. */
export function SecuritySelect({ id, value, onChange, levels = SECURITY_LEVELS }: Props) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value) as SecurityLevel)}>
      {levels.map((l) => (
        <option key={l} value={l}>
          {securityLabel(l)}
        </option>
      ))}
    </select>
  );
}

/** The levels the signed-in user may give a record: up to their clearance, plus `keep` (a level already set). */
export function useClearanceLevels(keep?: SecurityLevel): SecurityLevel[] {
  const clearance = useSession((s) => s.login?.user.clearance ?? 0);
  return SECURITY_LEVELS.filter((l) => l <= clearance || l === keep);
}
