/**
 * The searchable PDF of a ruled form shows the page as scanned, table rules included.
 * Tesseract is given the page with its rules removed (it reads forms far better that
 * way) and embeds the image it was given; this puts the processed page back in its
 * place. Tesseract writes the page image as one 8-bit DeviceGray FlateDecode stream
 * without a predictor, so the swap is: deflate the new pixels, replace the stream and
 * its /Length, and move every cross-reference offset behind it. Any other layout is
 * left untouched (the PDF is still valid, only its image lacks the rules).
 */
import zlib from 'node:zlib';
import type { GreyImage } from '../imaging/raw';

export function swapPdfImage(pdf: Buffer, page: GreyImage): Buffer {
  const text = pdf.toString('latin1');
  const at = text.indexOf('/Subtype /Image');
  if (at < 0 || text.indexOf('/Subtype /Image', at + 1) >= 0) return pdf;
  const dictStart = text.lastIndexOf('obj', at);
  const streamKw = text.indexOf('stream\n', at);
  if (dictStart < 0 || streamKw < 0) return pdf;
  const dict = text.slice(dictStart, streamKw);
  const num = (key: string) => Number(new RegExp(`/${key} (\\d+)`).exec(dict)?.[1] ?? NaN);
  const plain =
    dict.includes('/ColorSpace /DeviceGray') &&
    dict.includes('/Filter /FlateDecode') &&
    num('BitsPerComponent') === 8 &&
    !/\/Predictor (?!1\b)\d+/.test(dict);
  if (!plain || num('Width') !== page.width || num('Height') !== page.height) return pdf;
  const oldLength = num('Length');
  const dataStart = streamKw + 'stream\n'.length;
  if (text.slice(dataStart + oldLength).search(/^\r?\n?endstream/) !== 0) return pdf;

  const data = zlib.deflateSync(Buffer.from(page.data.buffer, page.data.byteOffset, page.data.length), { level: 6 });
  const delta = data.length - oldLength;
  const lengthField = /\/Length \d+/.exec(dict)!;
  const newDict = dict.replace(lengthField[0], `/Length ${data.length}`);
  const dictDelta = newDict.length - dict.length;
  const head = pdf.subarray(0, dictStart);
  const tail = pdf.subarray(dataStart + oldLength).toString('latin1');
  const shift = (offset: number) => (offset > dictStart ? offset + delta + dictDelta : offset);
  // Fixed-width xref rows ("0000012345 00000 n ") and the startxref number move with the data.
  const fixed = tail
    .replace(/^(\d{10}) (\d{5}) n/gm, (_m, off: string, gen: string) => `${pad(shift(Number(off)))} ${gen} n`)
    .replace(/startxref\n(\d+)/, (_m, off: string) => `startxref\n${shift(Number(off))}`);
  return Buffer.concat([head, Buffer.from(newDict + 'stream\n', 'latin1'), data, Buffer.from(fixed, 'latin1')]);
}

const pad = (n: number) => String(n).padStart(10, '0');
