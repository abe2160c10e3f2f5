import { t } from '../../i18n/zh-CN';
import { useTemplateEditor } from '../../stores/templateEditor';
import type { Issues } from './validate';

/**
 * The zones in drawing order. Each is a Tab stop, and focusing one selects it, so the
 * keyboard walks the zones with Tab and moves, resizes or deletes the one it is on.
 */
export function ZoneList({ issues, readOnly }: { issues: Issues; readOnly: boolean }) {
  const zones = useTemplateEditor((s) => s.zones);
  const selected = useTemplateEditor((s) => s.selected);
  const select = useTemplateEditor((s) => s.select);
  return (
    <section className="tpl-section" aria-labelledby="tpl-zones-title">
      <h2 id="tpl-zones-title" className="panel-heading">
        {t('forms.zones.title', { n: zones.length })}
      </h2>
      {issues.meta.zones && (
        <div className="field-error" role="alert" data-testid="error-tpl-zones">
          {issues.meta.zones}
        </div>
      )}
      {zones.length === 0 && !readOnly && <div className="muted small">{t('forms.zones.empty')}</div>}
      <ul className="tpl-zone-list" data-zone-list data-zone-keys aria-label={t('forms.zones.listLabel')}>
        {zones.map((z, i) => {
          const bad = issues.zones.has(z.uid);
          return (
            <li key={z.uid}>
              <button
                type="button"
                data-uid={z.uid}
                className={`tpl-zone-item${z.uid === selected ? ' selected' : ''}${bad ? ' invalid' : ''}`}
                aria-pressed={z.uid === selected}
                onFocus={() => select(z.uid)}
                onClick={() => select(z.uid)}
                onKeyDown={(e) => {
                  // Enter goes on to the zone's name, to rename it without the mouse.
                  if (e.key !== 'Enter' || readOnly) return;
                  e.preventDefault();
                  document.getElementById('tpl-zone-label')?.focus();
                }}
                data-testid="tpl-zone-item"
              >
                <span className="tpl-zone-n">{i + 1}</span>
                <span className="tpl-zone-label ellipsis">{z.label || t('forms.zones.unnamed')}</span>
                <span className="mono small muted ellipsis">{z.key}</span>
                {bad && (
                  <span className="text-error" aria-hidden="true">
                    !
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
