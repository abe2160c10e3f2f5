import { useState } from 'react';
import { XLSX_KINDS, type MethodInput } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { errorMessage } from '../../lib/errors';
import { downloadBlob } from '../../lib/format';
import { toast } from '../../stores/toasts';
import { printDocument } from './actions';
import { base64Bytes } from './bytes';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 保存 Excel, beside 保存 PDF: the chosen catalogue as a workbook with the same rows (the
 * core reads them with the same clearance). Shown only for 案卷目录 and 归档文件目录.
 */
export function SaveXlsxButton({ input }: { input: MethodInput<'print.document'> | undefined }) {
  const [busy, setBusy] = useState(false);
  if (!input || !XLSX_KINDS.includes(input.kind)) return null;
  const save = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const r = await printDocument({ ...input, format: 'xlsx' });
      downloadBlob(new Blob([base64Bytes(r.base64)], { type: XLSX_MIME }), r.fileName);
      toast.success(t('print.saved', { name: r.fileName }));
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    // Not disabled while busy: a disabled button drops the focus, and Esc would no longer reach the dialog.
    <button type="button" onClick={() => void save()} aria-busy={busy} data-testid="print-save-xlsx">
      {busy ? t('print.savingXlsx') : t('print.saveXlsx')}
    </button>
  );
}
