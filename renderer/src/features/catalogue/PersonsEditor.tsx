import { t } from '../../i18n/zh-CN';
import { emptyPerson, type PersonDraft } from './itemDraft';

interface Props {
  persons: PersonDraft[];
  errors: Record<string, string>;
  onChange: (persons: PersonDraft[]) => void;
}

/** Repeatable 姓名 + 公民身份号码 rows. */
export function PersonsEditor({ persons, errors, onChange }: Props) {
  const set = (i: number, patch: Partial<PersonDraft>) =>
    onChange(persons.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const add = () => {
    onChange([...persons, emptyPerson()]);
    window.setTimeout(() => document.getElementById(`person-name-${persons.length}`)?.focus(), 0);
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
              className="person-name"
              placeholder={t('item.personName')}
              value={p.name}
              onChange={(e) => set(i, { name: e.target.value })}
            />
            <label htmlFor={`person-id-${i}`} className="sr-only">
              {t('item.personId')} {i + 1}
            </label>
            <input
              id={`person-id-${i}`}
              className="person-id mono"
              placeholder={t('item.personId')}
              maxLength={18}
              value={p.idNumber}
              onChange={(e) => set(i, { idNumber: e.target.value })}
            />
            <button
              type="button"
              className="btn-small"
              onClick={() => onChange(persons.length > 1 ? persons.filter((_, j) => j !== i) : [emptyPerson()])}
            >
              {t('item.removePerson')}
            </button>
            {(nameErr || idErr) && (
              <div className="field-error person-error" role="alert">
                {nameErr ?? idErr}
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
