import { useEffect, useState } from 'react';
import type { HotFolderView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { getItem, saveHotFolder } from './actions';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { useIntake } from '../../stores/intake';
import { usePermission } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { templateLabel } from './labels';

const STATUS_TEXT: Record<HotFolderView['status'], () => string> = {
  watching: () => t('hot.watching'),
  unavailable: () => t('hot.unavailable'),
  off: () => t('hot.off'),
};

/** A folder the scanner's own software writes into; files that land there are taken in. */
export function HotFolderPanel() {
  const view = useIntake((s) => s.hotFolder);
  const setView = useIntake((s) => s.setHotFolder);
  const target = useIntake((s) => s.target);
  const template = useIntake((s) => s.template);
  const templates = useIntake((s) => s.templates);
  // Files there are moved into the archive: only an administrator chooses the folder.
  const canSet = usePermission('settings.manage');
  const [dir, setDir] = useState('');
  const [enabled, setEnabled] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The 档号 of the item the running watch files into (the view only has its id).
  const savedItemId = view?.itemId ?? null;
  const [savedCode, setSavedCode] = useState<{ id: string; code: string } | null>(null);
  useEffect(() => {
    if (!savedItemId) return;
    let live = true;
    getItem({ id: savedItemId }).then(
      (item) => live && setSavedCode({ id: savedItemId, code: item.archiveCode }),
      () => live && setSavedCode({ id: savedItemId, code: t('batch.attached') }),
    );
    return () => {
      live = false;
    };
  }, [savedItemId]);

  // The saved settings fill the form once; later pushes only change the status line.
  useEffect(() => {
    if (view && !loaded) {
      setDir(view.dir);
      setEnabled(view.enabled);
      setLoaded(true);
    }
  }, [view, loaded]);

  const save = async () => {
    if (enabled && !dir.trim()) {
      setError(t('hot.needDir'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const v = await saveHotFolder({
        dir: dir.trim(),
        enabled,
        itemId: target.itemId,
        volumeId: null,
        template,
      });
      setView(v);
      setDir(v.dir);
      setEnabled(v.enabled);
      toast.success(t('hot.saved'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const status = view?.status ?? 'off';
  const targetText = target.itemId ? (target.archiveCode ?? '') : t('intake.targetTray');
  const savedTarget = !view?.itemId
    ? t('intake.targetTray')
    : savedCode?.id === view.itemId
      ? savedCode.code
      : t('common.loading');
  return (
    <section className="card-section intake-panel" aria-labelledby="hot-title">
      <h2 id="hot-title" className="panel-heading">
        {t('hot.title')}
        <span className={`hot-status hot-${status}`} role="status" data-testid="hotfolder-status">
          {STATUS_TEXT[status]()}
        </span>
      </h2>
      {!canSet && (
        <div className="field-hint" data-testid="hotfolder-admin-only">
          {view?.dir ? `${t('hot.savedDir', { dir: view.dir })}。` : ''}
          {t('hot.adminOnly')}
        </div>
      )}
      {canSet && (
        <form
          className="panel-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="field-stack">
            <label htmlFor="hotfolder-dir">{t('hot.dir')}</label>
            <input
              id="hotfolder-dir"
              value={dir}
              spellCheck={false}
              className="mono"
              onChange={(e) => setDir(e.target.value)}
              data-testid="hotfolder-dir"
            />
            <div className="field-hint">{t('hot.dirHint')}</div>
          </div>
          <label className="check-line">
            <input
              type="checkbox"
              checked={enabled}
              onChange={(e) => setEnabled(e.target.checked)}
              data-testid="hotfolder-enable"
            />
            {t('hot.enable')}
          </label>
          <div className="field-hint">
            {t('hot.usesTarget', { target: targetText, template: templateLabel(template, templates) })}
          </div>
          <div className="panel-actions">
            <button type="submit" className="btn-primary" disabled={busy} data-testid="hotfolder-save">
              {busy ? t('common.saving') : t('hot.save')}
            </button>
          </div>
        </form>
      )}
      <FormError message={error} testId="hotfolder-error" />
      {view && view.enabled && (
        <div className="small" data-testid="hotfolder-target">
          {t('hot.current', { target: savedTarget, template: templateLabel(view.template, templates) })}
        </div>
      )}
      {view?.message && (
        <div className={`small${status === 'unavailable' ? ' text-error' : ' muted'}`} data-testid="hotfolder-message">
          {t('hot.lastMessage')}：{view.message}
        </div>
      )}
    </section>
  );
}
