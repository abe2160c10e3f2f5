import { useEffect, useState } from 'react';
import type { PageView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { attachPages, listPages } from './actions';
import { CancelConfirmFooter } from '../../components/CancelConfirmFooter';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { toast } from '../../stores/toasts';
import { PagePickGrid } from '../scan/PagePickGrid';
import type { RecordRef } from './recordPdf';

interface Props {
  target: RecordRef;
  archiveCode: string;
  onClose: () => void;
  onAttached: () => void;
}

/** 挂接页面: the pages waiting in the tray (待挂接), several picked and attached to this record at once. */
export function AttachPagesDialog({ target, archiveCode, onClose, onAttached }: Props) {
  const [pages, setPages] = useState<PageView[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    listPages({ tray: true }).then(
      (list) => live && setPages(list),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  const attach = async () => {
    if (busy) return;
    if (selected.size === 0) return setError(t('attach.needPages'));
    setBusy(true);
    setError(null);
    try {
      // In the tray's order, which is the order they were scanned in.
      const ids = (pages ?? []).filter((p) => selected.has(p.id)).map((p) => p.id);
      await attachPages({ ids, ...target });
      toast.success(t('attach.done', { n: ids.length, code: archiveCode }));
      onAttached();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    // Keys stay in this dialog: the record's form underneath has its own Enter and Esc.
    <div onKeyDown={(e) => e.stopPropagation()}>
      <Modal
        wide
        title={t('attach.title', { code: archiveCode })}
        onClose={onClose}
        testId="attach-pages"
        footer={
          <CancelConfirmFooter
            keysHint={t('attach.keys')}
            onCancel={onClose}
            confirmLabel={t('attach.confirm', { n: selected.size })}
            disabled={busy || selected.size === 0}
            onConfirm={() => void attach()}
            confirmTestId="attach-confirm"
          />
        }
      >
        {!pages && !error && <div className="muted">{t('common.loading')}</div>}
        {pages && pages.length === 0 && <div className="muted pad">{t('attach.trayEmpty')}</div>}
        {pages && pages.length > 0 && (
          <>
            <div className="muted small" data-testid="attach-count">
              {t('attach.trayCount', { n: pages.length })} · {t('attach.selected', { n: selected.size })}
            </div>
            <PagePickGrid
              autoFocus
              pages={pages}
              selected={selected}
              onChange={setSelected}
              onSubmit={() => void attach()}
              label={t('attach.tray')}
              testId="attach-grid"
            />
          </>
        )}
        <FormError message={error} testId="attach-error" />
      </Modal>
    </div>
  );
}
