import { useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { viaBridge } from './recordPdf';
import { t } from '../../i18n/zh-CN';
import { toast } from '../../stores/toasts';
import { openRecordPdf, type RecordRef } from './recordPdf';

/** 打开/另存 PDF: the record's searchable PDF, made by the core on request. */
export function PdfButtons({ target, archiveCode }: { target: RecordRef; archiveCode: string }) {
  const [busy, setBusy] = useState(false);
  const run = async (mode: 'open' | 'save') => {
    if (busy) return;
    setBusy(true);
    // Opened now, while the click still counts as the user's.
    const tab = mode === 'open' && viaBridge() ? window.open('', '_blank') : null;
    try {
      const saved = await openRecordPdf(target, mode, archiveCode, tab);
      if (saved) toast.success(t('recPages.pdfSaved', { name: saved.fileName, n: saved.pages }));
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="pdf-buttons" aria-busy={busy}>
      <button
        type="button"
        className="btn-small"
        disabled={busy}
        onClick={() => void run('open')}
        title={busy ? t('recPages.pdfBusy') : undefined}
        data-testid="pdf-open"
      >
        {t('recPages.openPdf')}
      </button>
      <button
        type="button"
        className="btn-small"
        disabled={busy}
        onClick={() => void run('save')}
        data-testid="pdf-save"
      >
        {t('recPages.savePdf')}
      </button>
    </span>
  );
}
