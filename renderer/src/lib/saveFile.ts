import { t } from '../i18n/zh-CN';
import { toast } from '../stores/toasts';
import { errorMessage } from './errors';
import { downloadBase64 } from './format';

const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Asks the core for a file it makes (a register, a list, a report: name and base64), saves it
 * as a download and says so; a refusal is said in a toast. The type follows the file's name.
 */
export async function saveCoreFile(get: () => Promise<{ fileName: string; base64: string }>): Promise<void> {
  try {
    const f = await get();
    const ext = f.fileName.slice(f.fileName.lastIndexOf('.') + 1).toLowerCase();
    downloadBase64(f.base64, f.fileName, MIME[ext] ?? 'application/octet-stream');
    toast.success(t('print.saved', { name: f.fileName }));
  } catch (err) {
    toast.error(errorMessage(err));
  }
}
