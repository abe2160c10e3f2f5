/**
 * What a file really is, from its first bytes. Scanner software, phones and people
 * rename files freely (a PDF saved as .jpg, a .tif that is a JPEG), so the extension
 * is never trusted.
 */
export type PageFormat = 'jpeg' | 'png' | 'tiff' | 'pdf';

/** How many leading bytes `sniffFormat` looks at. */
export const SNIFF_BYTES = 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (head: Uint8Array, bytes: number[]) => bytes.every((b, i) => head[i] === b);

export function sniffFormat(head: Uint8Array): PageFormat | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, PNG_SIGNATURE)) return 'png';
  // Classic TIFF (42) and BigTIFF (43), little- and big-endian.
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(head, [0x49, 0x49, 0x2b, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2b])) return 'tiff';
  // PDF readers accept "%PDF-" anywhere in the first kilobyte (some tools prepend junk).
  if (Buffer.from(head.subarray(0, SNIFF_BYTES)).includes('%PDF-', 0, 'latin1')) return 'pdf';
  return null;
}
