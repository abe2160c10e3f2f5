import { t } from '../../i18n/zh-CN';
import { useIntake } from '../../stores/intake';
import { RecordSearch, type RecordSearchTexts } from './RecordSearch';

const TARGET_SEARCH_TEXTS: RecordSearchTexts = {
  placeholder: t('intake.targetSearch'),
  listLabel: t('intake.targetItem'),
  searching: t('intake.targetSearching'),
  none: (q) => t('intake.targetNone', { q }),
};

/**
 * Where new pages go (an item found by its 档号, or the tray) and which form to read them
 * as. Shared by dropped files, the scanner and the hot folder.
 */
export function TargetPicker() {
  const target = useIntake((s) => s.target);
  const setTarget = useIntake((s) => s.setTarget);
  const template = useIntake((s) => s.template);
  const setTemplate = useIntake((s) => s.setTemplate);
  const templates = useIntake((s) => s.templates);

  return (
    <section className="card-section intake-target" aria-label={t('intake.target')}>
      <div className="intake-target-field">
        <label htmlFor="intake-target" className="panel-title">
          {t('intake.target')}
        </label>
        {target.itemId ? (
          <div className="target-chosen" data-testid="intake-target">
            <span className="mono target-code">{target.archiveCode}</span>
            <span className="target-title">{target.title}</span>
            <button
              id="intake-target"
              type="button"
              className="btn-small"
              onClick={() => setTarget(null)}
              data-testid="intake-target-clear"
            >
              {t('intake.targetClear')}
            </button>
          </div>
        ) : (
          <RecordSearch
            id="intake-target"
            testId="intake-target-search"
            texts={TARGET_SEARCH_TEXTS}
            hint={
              <div className="field-hint">
                <span className="tag tag-warn">{t('intake.targetTray')}</span> {t('intake.targetHint')}
              </div>
            }
            onChoose={setTarget}
          />
        )}
      </div>
      <div className="intake-template-field">
        <label htmlFor="intake-template" className="panel-title">
          {t('intake.template')}
        </label>
        <select
          id="intake-template"
          value={template}
          onChange={(e) => setTemplate(e.target.value)}
          data-testid="intake-template"
        >
          <option value="auto">{t('intake.templateAuto')}</option>
          {templates.map((tp) => (
            <option key={tp.id} value={tp.id}>
              {t('intake.templateFields', { name: tp.name, n: tp.fields })}
            </option>
          ))}
          <option value="none">{t('intake.templateNone')}</option>
        </select>
      </div>
    </section>
  );
}
