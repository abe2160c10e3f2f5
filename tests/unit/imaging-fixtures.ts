/**
 * Test pages for the imaging tests, drawn with sharp from SVG: an A4 form at 300 dpi
 * with Chinese text and a ruled table, noisy blank backs, and hand-written PDFs.
 */
import zlib from 'node:zlib';
import sharp from 'sharp';

export const A4 = { width: 2480, height: 3508 };
const FONT = 'font-family="\'Noto Sans CJK SC\'"';

const PARAGRAPH = [
  '根据《中华人民共和国户口登记条例》的规定，本所对辖区内常住人口进行登记，',
  '户主应当如实申报本户人员的姓名、性别、民族、出生日期和公民身份号码等事项。',
  '迁入、迁出、出生、死亡及变更更正事项，应当在规定期限内到户口登记机关办理。',
  '本表一式两份，一份由派出所存档，一份随户籍档案移交县公安局户政管理部门。',
];

/** The table drawn on the form page: outer frame and rows, in page pixels (centre lines). */
export const TABLE = { x: 240, y: 1500, w: 2000, h: 1200, rows: 6, split: 640, stroke: 4 };
export const LABELS = ['姓名', '性别', '民族', '出生日期', '公民身份号码', '户籍地址'];
/** Text written sitting on the table's bottom rule, as people sign on a line. */
export const ON_RULE = { text: '签章', x: TABLE.x + 1500, baseline: TABLE.y + TABLE.h - 1, size: 60 };

/** Cell rectangles (inside the rules) holding the labels, in page pixels. */
export function labelCells(): { x: number; y: number; w: number; h: number }[] {
  const rowH = TABLE.h / TABLE.rows;
  return LABELS.map((_, i) => ({ x: TABLE.x + 12, y: TABLE.y + i * rowH + 12, w: TABLE.split - 24, h: rowH - 24 }));
}

export function formSvg(): string {
  const lines = PARAGRAPH.map((t, i) => `<text x="240" y="${560 + i * 90}" font-size="50" ${FONT}>${t}</text>`).join(
    '',
  );
  const rowH = TABLE.h / TABLE.rows;
  const { x, y, w, h, stroke } = TABLE;
  let rules = `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="none" stroke="#000" stroke-width="${stroke}"/>`;
  for (let i = 1; i < TABLE.rows; i++) {
    rules += `<line x1="${x}" y1="${y + i * rowH}" x2="${x + w}" y2="${y + i * rowH}" stroke="#000" stroke-width="${stroke}"/>`;
  }
  rules += `<line x1="${x + TABLE.split}" y1="${y}" x2="${x + TABLE.split}" y2="${y + h}" stroke="#000" stroke-width="${stroke}"/>`;
  const labels = LABELS.map(
    (t, i) => `<text x="${x + 40}" y="${y + i * rowH + rowH / 2 + 22}" font-size="60" ${FONT}>${t}</text>`,
  ).join('');
  const values = ['张三', '男', '汉族', '1987年5月12日', '110105198705121234', '北港镇幸福路8号'].map(
    (t, i) =>
      `<text x="${x + TABLE.split + 40}" y="${y + i * rowH + rowH / 2 + 22}" font-size="60" ${FONT}>${t}</text>`,
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${A4.width}" height="${A4.height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    `<text x="1240" y="360" font-size="96" text-anchor="middle" ${FONT}>常住人口登记表</text>` +
    lines +
    rules +
    labels +
    values.join('') +
    `<text x="${ON_RULE.x}" y="${ON_RULE.baseline}" font-size="${ON_RULE.size}" ${FONT}>${ON_RULE.text}</text>` +
    `<text x="240" y="3000" font-size="50" ${FONT}>承办人：李四　　登记日期：2023年6月1日　　北港派出所</text>` +
    `</svg>`
  );
}

let formPng: Promise<Buffer> | undefined;

/** The form page as a one-channel PNG (drawn once per test file). */
export function formPage(): Promise<Buffer> {
  return (formPng ??= sharp(Buffer.from(formSvg())).greyscale().toColourspace('b-w').png().toBuffer());
}

/** Turns a page clockwise by `deg` (sharp's convention), keeping its size, white corners. */
export async function turned(png: Buffer, deg: number): Promise<Buffer> {
  const { width, height } = await sharp(png).metadata();
  const { data, info } = await sharp(png)
    .rotate(deg, { background: 'white' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } })
    .extract({
      left: Math.floor((info.width - width) / 2),
      top: Math.floor((info.height - height) / 2),
      width,
      height,
    })
    .toColourspace('b-w')
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** Deterministic pseudo-random numbers (mulberry32), so noisy pages are the same every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let backBase: Promise<Buffer> | undefined;

/**
 * The back of a one-sided page: paper at about 232 with ±8 levels of texture, 40 dust
 * specks of 1–2 px, and the front's text showing through mirrored, pale (at most 41
 * levels below the paper) and soft. `extraSvg` is drawn on top.
 */
export async function noisyBack(extraSvg = ''): Promise<Buffer> {
  const base = await (backBase ??= makeBack());
  if (!extraSvg) return base;
  const overlay = `<svg xmlns="http://www.w3.org/2000/svg" width="${A4.width}" height="${A4.height}">${extraSvg}</svg>`;
  return sharp(base)
    .composite([{ input: Buffer.from(overlay) }])
    .greyscale()
    .toColourspace('b-w')
    .png({ compressionLevel: 1 }) // noise does not compress; don't try hard
    .toBuffer();
}

async function makeBack(): Promise<Buffer> {
  const { width, height } = A4;
  const bleed = await sharp(Buffer.from(formSvg()))
    .flop()
    .greyscale()
    .blur(2)
    .linear(0.16, 255 * 0.84)
    .raw()
    .toBuffer();
  const rnd = random(7);
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(224 + rnd() * 16) - (255 - bleed[i]!);
  for (let k = 0; k < 40; k++) {
    const x = 200 + Math.floor(rnd() * (width - 400));
    const y = 200 + Math.floor(rnd() * (height - 400));
    const s = 1 + Math.floor(rnd() * 2);
    for (let dy = 0; dy < s; dy++) for (let dx = 0; dx < s; dx++) data[(y + dy) * width + x + dx] = 60;
  }
  return sharp(Buffer.from(data), { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .png({ compressionLevel: 1 })
    .toBuffer();
}

export interface PdfPageSpec {
  /** Page size in points. */
  width: number;
  height: number;
  rotate?: number;
  image?: {
    width: number;
    height: number;
    colourSpace: 'DeviceGray' | 'DeviceRGB';
    bits?: 1 | 8;
    filter: 'DCTDecode' | 'FlateDecode';
    data: Buffer;
    /** Image matrix for `cm`; default fills the page. */
    matrix?: number[];
  };
}

/**
 * Writes a PDF by hand: one image XObject per page (or a vector rectangle when the page
 * has no image). `encrypt` adds a standard security handler whose user password is not
 * empty, so readers must ask for a password.
 */
export function buildPdf(pages: PdfPageSpec[], opts: { encrypt?: boolean; declaredImageSize?: number[] } = {}): Buffer {
  const objects: Buffer[] = [];
  const add = (body: string | Buffer) => {
    objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
    return objects.length;
  };
  const stream = (dict: string, data: Buffer) =>
    Buffer.concat([
      Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
      data,
      Buffer.from('\nendstream'),
    ]);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // the page tree, filled in once the kids are known
  const kids: number[] = [];
  for (const p of pages) {
    let content = '0 0 1 rg 72 72 200 100 re f';
    let resources = '';
    if (p.image) {
      const im = p.image;
      const dict = `/Type /XObject /Subtype /Image /Width ${im.width} /Height ${im.height} /ColorSpace /${im.colourSpace} /BitsPerComponent ${im.bits ?? 8} /Filter /${im.filter}`;
      const img = add(stream(dict, im.data));
      content = `q ${(im.matrix ?? [p.width, 0, 0, p.height, 0, 0]).join(' ')} cm /Im0 Do Q`;
      resources = `/Resources << /XObject << /Im0 ${img} 0 R >> >>`;
    }
    const contents = add(stream('', Buffer.from(content, 'latin1')));
    const rotate = p.rotate ? `/Rotate ${p.rotate}` : '';
    kids.push(
      add(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${p.width} ${p.height}] ${rotate} ${resources} /Contents ${contents} 0 R >>`,
      ),
    );
  }
  objects[1] = Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`);
  let trailerExtra = '';
  if (opts.encrypt) {
    const hex = (seed: number) =>
      Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + seed) & 0xff)).toString('hex');
    const enc = add(`<< /Filter /Standard /V 1 /R 2 /O <${hex(11)}> /U <${hex(99)}> /P -3904 >>`);
    trailerExtra = ` /Encrypt ${enc} 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]`;
  }
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets.push(offset);
    offset += obj.length;
    parts.push(obj);
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${trailerExtra} >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/** Grey pixels deflated for a FlateDecode image. */
export const deflate = (raw: Uint8Array): Buffer => zlib.deflateSync(raw);
