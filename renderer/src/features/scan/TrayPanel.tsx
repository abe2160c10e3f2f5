import { useEffect, useState } from 'react';
import type { PageView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { attachPages, listPages } from './actions';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { useIntake } from '../../stores/intake';
import { toast } from '../../stores/toasts';
import { PagePickGrid } from './PagePickGrid';
import { RecordSearch, type ChosenRecord, type RecordSearchTexts } from './RecordSearch';

const RECORD_SEARCH_TEXTS: RecordSearchTexts = {
  placeholder: t('attach.recordSearch'),
  listLabel: t('attach.record'),
  searching: t('attach.recordSearching'),
  none: (q) => t('attach.recordNone', { q }),
};

/**
 * 待挂接页面: pages that came in without a record. The clerk picks several, finds the
 * record by 档号 or 题名 and attaches them in one step (one transaction in the core).
 */
export function TrayPanel() {
  // A new or finished batch may have put pages into the tray.
  const batches = useIntake((s) => s.batches);
  const [pages, setPages] = useState<PageView[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [record, setRecord] = useState<ChosenRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    let live = true;
    listPages({ tray: true }).then(
      (list) => {
        if (!live) return;
        setPages(list);
        setSelected((cur) => new Set(list.filter((p) => cur.has(p.id)).map((p) => p.id)));
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [batches, nonce]);

  const attach = async () => {
    if (busy) return;
    if (selected.size === 0) return setError(t('attach.needPages'));
    if (!record) {
      setError(t('attach.needRecord'));
      document.getElementById('tray-record')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const ids = (pages ?? []).filter((p) => selected.has(p.id)).map((p) => p.id);
      await attachPages({ ids, itemId: record.itemId });
      toast.success(t('attach.done', { n: ids.length, code: record.archiveCode }));
      setSelected(new Set());
      setNonce((n) => n + 1);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const count = pages?.length ?? 0;
  return (
    <section className="card-section tray-panel" aria-labelledby="tray-title" data-testid="tray-panel">
      <div className="batches-head">
        <h2 id="tray-title" className="panel-heading">
          {t('attach.tray')}
        </h2>
        <span className="muted small" data-testid="tray-count">
          {t('attach.trayCount', { n: count })}
        </span>
        <span className="grow" />
        <button type="button" className="btn-small" onClick={() => setNonce((n) => n + 1)}>
          {t('common.refresh')}
        </button>
      </div>
      {pages && count === 0 && <div className="muted pad">{t('attach.trayEmpty')}</div>}
      {count > 0 && (
        <>
          <div className="tray-bar">
            <label htmlFor="tray-record" className="panel-title">
              {t('attach.record')}
            </label>
            {record ? (
              <span className="target-chosen" data-testid="tray-record">
                <span className="mono target-code">{record.archiveCode}</span>
                <span className="target-title">{record.title}</span>
                <button id="tray-record" type="button" className="btn-small" onClick={() => setRecord(null)}>
                  {t('attach.recordClear')}
                </button>
              </span>
            ) : (
              <RecordSearch
                id="tray-record"
                testId="tray-record-search"
                texts={RECORD_SEARCH_TEXTS}
                alsoByTitle
                onChoose={setRecord}
              />
            )}
            <span className="muted small" data-testid="tray-selected">
              {t('attach.selected', { n: selected.size })}
            </span>
            <button
              type="button"
              className="btn-primary"
              disabled={busy || selected.size === 0 || !record}
              onClick={() => void attach()}
              data-testid="tray-attach"
            >
              {t('attach.confirm', { n: selected.size })}
            </button>
          </div>
          <div className="muted small tray-keys">{t('attach.keys')}</div>
          <PagePickGrid
            pages={pages!}
            selected={selected}
            onChange={setSelected}
            onSubmit={() => void attach()}
            label={t('attach.tray')}
            testId="tray-grid"
          />
        </>
      )}
      <FormError message={error} testId="tray-error" />
    </section>
  );
}
