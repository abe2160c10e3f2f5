import { useEffect, useRef, useState } from 'react';
import type { BatchView, PageView, TemplateDraft, TemplateProposal } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { draftFromPage, listBatches, listPages, proposeFromPage } from './actions';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { formatTime } from '../../lib/format';
import { useNearViewport, usePageImage } from '../scan/images';
import { pageName, sourceLabel } from '../scan/labels';

const BATCHES = 20;

/**
 * A sample scan for the editor, from the recent intake batches. The chosen page is
 * analysed on the server (`forms.templates.fromPage`) before the picker closes, so an
 * unusable page is reported here and the clerk can pick another.
 */
export function SamplePicker({
  onPicked,
  onClose,
  propose = false,
}: {
  onPicked: (d: TemplateDraft | TemplateProposal) => void;
  onClose: () => void;
  /** Offer the page's label/value pairs as the new template's zones (forms.templates.proposeFromPage). */
  propose?: boolean;
}) {
  const [batches, setBatches] = useState<BatchView[] | null>(null);
  const [batchId, setBatchId] = useState<string | null>(null);
  const [pages, setPages] = useState<PageView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    listBatches({ limit: BATCHES }).then(
      (list) => {
        if (!live) return;
        const withPages = list.filter((b) => b.pages > 0);
        setBatches(withPages);
        setBatchId((cur) => cur ?? withPages[0]?.id ?? null);
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!batchId) return;
    let live = true;
    setPages(null);
    listPages({ batchId }).then(
      (list) => live && setPages(list),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [batchId]);

  const pick = async (p: PageView) => {
    if (busy) return;
    setBusy(p.id);
    setError(null);
    try {
      onPicked(await (propose ? proposeFromPage : draftFromPage)({ pageId: p.id }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal title={t('forms.sample.title')} onClose={onClose} wide testId="sample-picker">
      <p className="muted small">{t(propose ? 'forms.proposeHint' : 'forms.sample.hint')}</p>
      <FormError message={error} testId="sample-error" />
      {busy && <div className="muted small">{t('forms.editor.loadingSample')}</div>}
      {batches && batches.length === 0 && <div className="muted pad">{t('forms.sample.empty')}</div>}
      {!batches && !error && <div className="muted pad">{t('common.loading')}</div>}
      {batches && batches.length > 0 && (
        <div className="sample-picker">
          <ul className="list sample-batches" aria-label={t('forms.sample.batches')}>
            {batches.map((b) => (
              <li key={b.id}>
                <button
                  type="button"
                  className={`list-item${b.id === batchId ? ' selected' : ''}`}
                  aria-current={b.id === batchId ? 'true' : undefined}
                  onClick={() => setBatchId(b.id)}
                  data-testid="sample-batch"
                >
                  <span className="list-sub">
                    {formatTime(b.createdAt)}
                    <br />
                    {t('forms.sample.batch', { source: sourceLabel(b.source), n: b.pages })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <div className="sample-pages" role="list" aria-label={t('forms.sample.pages')}>
            {!batchId && <div className="muted pad">{t('forms.sample.chooseBatch')}</div>}
            {batchId && !pages && <div className="muted pad">{t('common.loading')}</div>}
            {pages?.length === 0 && <div className="muted pad">{t('forms.sample.noPages')}</div>}
            {pages?.map((p) => (
              <SampleThumb key={p.id} page={p} busy={busy === p.id} onPick={() => void pick(p)} />
            ))}
          </div>
        </div>
      )}
    </Modal>
  );
}

function SampleThumb({ page, busy, onPick }: { page: PageView; busy: boolean; onPick: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  const near = useNearViewport(ref);
  const img = usePageImage(near ? { id: page.id, variant: 'thumb' } : null, page.rotation);
  return (
    <button
      ref={ref}
      type="button"
      role="listitem"
      className="sample-thumb"
      aria-busy={busy}
      onClick={onPick}
      data-testid="sample-page"
      title={pageName(page)}
    >
      <span className="sample-thumb-img">{img.url && <img src={img.url} alt="" draggable={false} />}</span>
      <span className="sample-thumb-name ellipsis">{pageName(page)}</span>
    </button>
  );
}
