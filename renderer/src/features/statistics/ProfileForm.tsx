import { useEffect, useState } from 'react';
import {
  STAT_PROFILE_FIGURES,
  type StatProfile,
  type StatProfileNumeric,
} from '../../../../electron/contract/statistics';
import { t } from '../../i18n/zh-CN';
import { errorMessage } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { toast } from '../../stores/toasts';
import * as api from './actions';

type Numeric = StatProfileNumeric;
/** The entered figures as the 档基 tables name them, with their units (as the core reports them). */
const FIELDS = STAT_PROFILE_FIGURES;

type Draft = Record<Numeric, string> & { remarks: string };
const draftOf = (p: StatProfile): Draft =>
  ({ ...Object.fromEntries(FIELDS.map(([k]) => [k, String(p[k])])), remarks: p.remarks }) as Draft;

/**
 * 库房、设备与人员 of the year: entered once (the catalogue cannot count them), saved with Ctrl+S by
 * those who keep the archive; read-only for the others. A year not entered yet shows last year's.
 */
export function ProfileForm(props: { profile: StatProfile; canEdit: boolean; onSaved: () => void }) {
  const { profile } = props;
  const [draft, setDraft] = useState<Draft>(() => draftOf(profile));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(draftOf(profile)), [profile]);

  const save = async () => {
    setError(null);
    try {
      const numbers = Object.fromEntries(FIELDS.map(([k]) => [k, Number(draft[k] || 0)])) as Record<Numeric, number>;
      await api.saveProfile({ year: profile.year, ...numbers, remarks: draft.remarks });
      toast.success(t('statistics.profileSaved', { year: profile.year }));
      props.onSaved();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 's') return;
    e.preventDefault();
    if (props.canEdit) void save();
  };

  return (
    <form
      className="stat-profile"
      data-testid="statistics-profile"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>
        {t('statistics.profile')}
        {props.canEdit && <span className="muted"> · {t('statistics.profileHint')}</span>}
      </h2>
      <p className="muted" data-testid="statistics-profile-state">
        {profile.updatedAt
          ? t('statistics.profileBy', { name: profile.updatedByName ?? '', time: formatTime(profile.updatedAt) })
          : t('statistics.profileFromPrev')}
      </p>
      <fieldset disabled={!props.canEdit} className="stat-profile-fields">
        {FIELDS.map(([k, label, unit]) => (
          <label key={k}>
            {label}
            <span>
              <input
                inputMode="decimal"
                value={draft[k]}
                onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
                data-testid={`statistics-profile-${k}`}
              />
              {unit}
            </span>
          </label>
        ))}
        <label className="stat-profile-remarks">
          {t('statistics.remarks')}
          <input
            value={draft.remarks}
            onChange={(e) => setDraft({ ...draft, remarks: e.target.value })}
            data-testid="statistics-profile-remarks"
          />
        </label>
      </fieldset>
      {error && (
        <div className="form-error" role="alert" data-testid="statistics-profile-error">
          {error}
        </div>
      )}
      {props.canEdit && (
        <button type="submit" data-testid="statistics-profile-save">
          {t('statistics.profileSave')}
        </button>
      )}
    </form>
  );
}
