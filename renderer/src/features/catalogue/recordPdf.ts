/**
 * A record's searchable PDF, made by the core (`pages.pdf`, clearance checked there).
 * 打开: in serve mode the bridge serves it as a document of its own (api/files.ts), opened
 * in the tab the click opened; 另存 (and 打开 inside the desktop shell, which opens no
 * windows) saves it under its 档号 from a blob.
 */
import type { RecordPdf } from '../../../../electron/contract';
import { call } from '../../api/client';
import { pdfUrl, viaBridge } from '../../api/files';

/** True in serve mode (the browser), where 打开 shows the PDF through the bridge. */
export { viaBridge };

export type RecordRef = { itemId: string } | { volumeId: string };

/** The blob's address outlives the click long enough for the download to start. */
const KEEP_MS = 60_000;

async function save(ref: RecordRef): Promise<RecordPdf> {
  const pdf = await call('pages.pdf', ref);
  const bin = atob(pdf.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: pdf.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = pdf.fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), KEEP_MS);
  return pdf;
}

/**
 * `tab` is opened by the click itself (a tab opened after the wait would be blocked);
 * null where no tab can open, and the PDF is saved instead. Returns what was saved, or
 * null when it opened in the tab.
 */
export async function openRecordPdf(
  ref: RecordRef,
  mode: 'open' | 'save',
  archiveCode: string,
  tab: Window | null = null,
): Promise<RecordPdf | null> {
  try {
    if (mode === 'open' && tab && viaBridge()) {
      tab.location.href = new URL(await pdfUrl(ref, `${archiveCode}.pdf`), window.location.href).href;
      return null;
    }
    tab?.close();
    return await save(ref);
  } catch (err) {
    tab?.close();
    throw err;
  }
}
