/**
 * The largest image a PDF declares, read from the file's bytes. pdf.js drops an image
 * over its size limit before decoding it (as it should), but then the page merely looks
 * imageless. Image XObjects are streams, and a stream's dictionary is always plain text
 * in the file (only non-stream objects can sit in compressed object streams), so the
 * dictionaries between "obj" and "stream" around each "/Subtype /Image" can be read
 * directly to tell "no scan on this page" from "a scan too large to take".
 */
export const largestDeclaredImage = (bytes: Uint8Array): number =>
  declaredImages(bytes).reduce((a, b) => Math.max(a, b), 0);

/** The pixel count (width × height) of every image XObject the file declares. */
export function declaredImages(bytes: Uint8Array): number[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sizes: number[] = [];
  for (let at = buf.indexOf('/Image'); at >= 0; at = buf.indexOf('/Image', at + 6)) {
    const start = Math.max(0, buf.lastIndexOf('obj', at), at - 4096);
    const streamAt = buf.indexOf('stream', at);
    const end = streamAt < 0 ? Math.min(buf.length, at + 4096) : Math.min(streamAt, at + 4096);
    const dict = buf.toString('latin1', start, end);
    if (!/\/Subtype\s*\/Image\b/.test(dict)) continue;
    const w = /\/Width\s+(\d+)/.exec(dict);
    const h = /\/Height\s+(\d+)/.exec(dict);
    if (w && h) sizes.push(Number(w[1]) * Number(h[1]));
  }
  return sizes;
}
