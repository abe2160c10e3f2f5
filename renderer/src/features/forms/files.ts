/** Template files: a template leaves as pretty-printed JSON and comes back as text for the server to check. */
import type { FormTemplate } from '../../../../electron/contract';
import { downloadBlob } from '../../lib/format';

/** The server refuses more (zTemplateImport); checked here first to spare sending it. */
export const MAX_TEMPLATE_FILE = 2_000_000;

export const templateFileName = (id: string): string => `${id}.json`;

export function downloadTemplate(tpl: FormTemplate): string {
  const name = templateFileName(tpl.id);
  downloadBlob(new Blob([JSON.stringify(tpl, null, 2) + '\n'], { type: 'application/json' }), name);
  return name;
}
