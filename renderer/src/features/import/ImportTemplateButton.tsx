import { useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { getImportTemplate } from './actions';
import { t } from '../../i18n/zh-CN';
import { downloadBase64 } from '../../lib/format';
import { toast } from '../../stores/toasts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Downloads the chosen category's import template, as the catalogue's export does. */
export function ImportTemplateButton({ categoryId }: { categoryId: string }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const file = await getImportTemplate({ categoryId });
      downloadBase64(file.base64, file.fileName, XLSX);
      toast.success(t('importx.templateSaved', { name: file.fileName }));
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      disabled={busy || !categoryId}
      title={categoryId ? t('importx.templateHint') : t('importx.templateNeedsCategory')}
      onClick={() => void download()}
      data-testid="import-template"
    >
      {t('importx.template')}
    </button>
  );
}
