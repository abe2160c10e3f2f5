import { t } from '../../i18n/zh-CN';
import { emptyPerson, type PersonDraft } from './itemDraft';

interface Props {
  persons: PersonDraft[];
  /** Field errors keyed `persons.<row>.name` / `persons.<row>.idNumber` (the form's rows). */
  errors: Record<string, string>;
  onChange: (persons: PersonDraft[]) => void;
  /** A field of a row was edited: its message no longer applies. */
  onEdited?: (key: string) => void;
  /** Rows were added or removed: messages keyed by row number no longer point at their rows. */
  onRowsChanged?: () => void;
}

/** Repeatable 姓名 + 公民身份号码 rows; a row's bad field is marked and its message shown under it. */
export function PersonsEditor({ persons, errors, onChange, onEdited, onRowsChanged }: Props) {
  const set = (i: number, field: keyof PersonDraft, value: string) => {
    onChange(persons.map((p, j) => (j === i ? { ...p, [field]: value } : p)));
    onEdited?.(`persons.${i}.${field}`);
  };
  const add = () => {
    onChange([...persons, emptyPerson()]);
    window.setTimeout(() => document.getElementById(`person-name-${persons.length}`)?.focus(), 0);
  };
  const remove = (i: number) => {
    onChange(persons.length > 1 ? persons.filter((_, j) => j !== i) : [emptyPerson()]);
    onRowsChanged?.();
  };
  return (
    <fieldset className="form-section" data-testid="persons-editor">
      <legend>{t('item.persons')}</legend>
      {persons.map((p, i) => {
        const nameErr = errors[`persons.${i}.name`];
        const idErr = errors[`persons.${i}.idNumber`];
        return (
          <div className="person-row" key={i} data-testid="person-row">
            <label htmlFor={`person-name-${i}`} className="sr-only">
              {t('item.personName')} {i + 1}
            </label>
            <input
              id={`person-name-${i}`}
              className={`person-name${nameErr ? ' invalid' : ''}`}
              aria-invalid={nameErr ? true : undefined}
              placeholder={t('item.personName')}
              value={p.name}
              onChange={(e) => set(i, 'name', e.target.value)}
            />
            <label htmlFor={`person-id-${i}`} className="sr-only">
              {t('item.personId')} {i + 1}
            </label>
            <input
              id={`person-id-${i}`}
              className={`person-id mono${idErr ? ' invalid' : ''}`}
              aria-invalid={idErr ? true : undefined}
              placeholder={t('item.personId')}
              maxLength={18}
              value={p.idNumber}
              onChange={(e) => set(i, 'idNumber', e.target.value)}
            />
            <button type="button" className="btn-small" onClick={() => remove(i)}>
              {t('item.removePerson')}
            </button>
            {(nameErr || idErr) && (
              <div className="field-error person-error" role="alert" data-testid={`person-error-${i}`}>
                {[nameErr, idErr].filter(Boolean).join('；')}
              </div>
            )}
          </div>
        );
      })}
      <button type="button" className="btn-small" onClick={add} data-testid="add-person">
        + {t('item.addPerson')}
      </button>
    </fieldset>
  );
}
