/**
 * One searchable PDF for a record out of its pages' PDFs. Each page's PDF is ours
 * (pdf-text-layer.ts) or, for pages read before that, Tesseract's: both are plain PDFs
 * with a classic cross-reference table and no object streams, so their objects are
 * copied as they are, renumbered, under one new page tree. Nothing is decoded or
 * re-encoded: the page images and text layers go in byte for byte.
 */
import { AppError } from '../kernel';
import { serialize, type PdfObject } from './pdf-text-layer';

interface ParsedPdf {
  objects: Map<number, PdfObject>;
  root: number;
}

const latin1 = (b: Buffer, from = 0, to = b.length) => b.toString('latin1', from, to);

/** Object offsets from the classic xref table (all subsections). */
function xrefOffsets(pdf: Buffer): Map<number, number> {
  const tail = latin1(pdf, Math.max(0, pdf.length - 1024));
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!start) throw new Error('no startxref');
  const at = Number(start[1]);
  const text = latin1(pdf, at, pdf.indexOf('trailer', at, 'latin1'));
  if (!text.startsWith('xref')) throw new Error('not a classic xref table');
  const tokens = text.slice(4).trim().split(/\s+/);
  const offsets = new Map<number, number>();
  for (let i = 0; i < tokens.length;) {
    const first = Number(tokens[i]);
    const count = Number(tokens[i + 1]);
    i += 2;
    for (let k = 0; k < count; k++, i += 3) if (tokens[i + 2] === 'n') offsets.set(first + k, Number(tokens[i]));
  }
  return offsets;
}

function parsePdf(pdf: Buffer): ParsedPdf {
  const offsets = xrefOffsets(pdf);
  const trailer = latin1(pdf, pdf.lastIndexOf('trailer'));
  const root = /\/Root\s+(\d+)\s+0\s+R/.exec(trailer);
  if (!root) throw new Error('no /Root');
  const raw = new Map<number, { dict: string; streamAt: number | null }>();
  for (const [n, at] of offsets) {
    const head = /^\s*\d+\s+\d+\s+obj\s*/.exec(latin1(pdf, at, at + 32));
    if (!head) throw new Error(`object ${n} is not where the xref says`);
    const bodyAt = at + head[0].length;
    const end = pdf.indexOf('endobj', bodyAt, 'latin1');
    const streamKw = pdf.indexOf('stream', bodyAt, 'latin1');
    if (streamKw >= 0 && streamKw < end) {
      // The data starts after the keyword's end of line (CRLF or LF).
      const eol = pdf[streamKw + 6] === 0x0d ? 2 : 1;
      raw.set(n, { dict: latin1(pdf, bodyAt, streamKw).trim(), streamAt: streamKw + 6 + eol });
    } else raw.set(n, { dict: latin1(pdf, bodyAt, end).trim(), streamAt: null });
  }
  const objects = new Map<number, PdfObject>();
  for (const [n, r] of raw) {
    if (r.streamAt === null) {
      objects.set(n, { dict: r.dict });
      continue;
    }
    const len = /\/Length\s+(\d+)(\s+0\s+R)?/.exec(r.dict);
    if (!len) throw new Error(`stream ${n} has no /Length`);
    const length = len[2] ? Number(raw.get(Number(len[1]))?.dict) : Number(len[1]);
    if (!Number.isFinite(length)) throw new Error(`stream ${n} has no length`);
    // The length is written directly: an indirect one would point at a renumbered object.
    const dict = r.dict.replace(len[0], `/Length ${length}`);
    objects.set(n, { dict, stream: pdf.subarray(r.streamAt, r.streamAt + length) });
  }
  return { objects, root: Number(root[1]) };
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** The leaf pages under the root, in order (page trees may nest). */
function pageObjects(p: ParsedPdf): { pages: number[]; tree: number[] } {
  const tree: number[] = [p.root];
  const pages: number[] = [];
  const walk = (n: number) => {
    const dict = p.objects.get(n)?.dict ?? '';
    if (/\/Type\s*\/Page\b(?!s)/.test(dict)) return void pages.push(n);
    tree.push(n);
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '';
    for (const m of kids.matchAll(/(\d+)\s+0\s+R/g)) walk(Number(m[1]));
  };
  const top = ref(p.objects.get(p.root)?.dict ?? '', 'Pages');
  if (top === null) throw new Error('no /Pages');
  walk(top);
  return { pages, tree };
}

/** The pages of every PDF, in order, as one PDF. */
export function mergePdfs(pdfs: readonly Buffer[]): Buffer {
  const out: PdfObject[] = [{ dict: '<< /Type /Catalog /Pages 2 0 R >>' }, { dict: '' }];
  const kids: number[] = [];
  for (const pdf of pdfs) {
    let parsed: ParsedPdf;
    let shape: ReturnType<typeof pageObjects>;
    try {
      parsed = parsePdf(pdf);
      shape = pageObjects(parsed);
    } catch (e) {
      throw new AppError('INTERNAL', `页面的 PDF 无法合并：${(e as Error).message}`);
    }
    const base = out.length;
    const max = Math.max(...parsed.objects.keys());
    const renumber = (s: string) =>
      s.replace(/\b(\d+)(\s+)(\d+)(\s+)R\b/g, (_, n: string) => `${base + Number(n)} 0 R`);
    for (let n = 1; n <= max; n++) {
      const o = parsed.objects.get(n);
      // The old catalog and page tree are left as null objects: the new tree replaces them.
      if (!o || shape.tree.includes(n)) out.push({ dict: 'null' });
      else if (shape.pages.includes(n))
        out.push({ dict: renumber(o.dict).replace(/\/Parent\s+\d+\s+0\s+R/, '/Parent 2 0 R'), stream: o.stream });
      else out.push({ dict: renumber(o.dict), stream: o.stream });
    }
    kids.push(...shape.pages.map((n) => base + n));
  }
  out[1] = { dict: `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>` };
  return serialize(out);
}
