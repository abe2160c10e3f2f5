/**
 * The annual report on paper, laid out like the 档基 tables (档案室基本情况年报): A4 portrait, the
 * unit, 全宗号 and year at the head, one ruled table of label / value / unit cells per section (two
 * figures a row), what the catalogue cannot count printed as "—" with a numbered note, the
 * signature line, and for a closed year with later changes a 更正 page. The figures are the report's
 * as statistics.annual gives them (frozen when closed): nothing is recounted here.
 * The same rows feed the workbook (annual-sheet.ts), so paper and .xlsx cannot differ.
 */
import { STAT_SECTIONS, type AnnualReport, type StatSection } from '../../contract/statistics';
import type { DocSpec } from '../print';

type FormBlock = Extract<DocSpec['blocks'][number], { type: 'form' }>;

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** What a gap prints in its value cell. */
export const GAP_MARK = '—';

/** One cell pair of a section: a figure, or a gap with its note number. */
export interface ReportLine {
  label: string;
  value: number | string;
  unit: string;
  key: string;
  /** A gap's note: 1-based number and the reason. */
  note?: { n: number; reason: string };
}

export interface ReportSection {
  title: string;
  lines: ReportLine[];
}

const sectionOfKey = (key: string) => key.split('.')[0] as StatSection;

/** The report's sections in the 档基 tables' order, each figure then the gaps of that section. */
export function reportSections(r: AnnualReport): ReportSection[] {
  let n = 0;
  return (Object.keys(STAT_SECTIONS) as StatSection[]).flatMap((section, i) => {
    const lines: ReportLine[] = r.figures
      .filter((f) => f.section === section)
      .map((f) => ({ label: f.label, value: f.value, unit: f.unit, key: f.key }));
    for (const g of r.gaps.filter((x) => sectionOfKey(x.key) === section))
      lines.push({ label: g.label, value: GAP_MARK, unit: '', key: g.key, note: { n: ++n, reason: g.reason } });
    return lines.length ? [{ title: `${NUMERALS[i]}、${STAT_SECTIONS[section]}`, lines }] : [];
  });
}

/** A local date and time as the form writes it (the closing is stored as an ISO instant). */
export function localWhen(iso: string, withTime = true): string {
  const d = new Date(iso);
  const p = (x: number) => String(x).padStart(2, '0');
  const day = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  return withTime ? `${day} ${p(d.getHours())}:${p(d.getMinutes())}` : day;
}

/** A signer as a person reads the name (the stored name carries the login in brackets). */
export const signerName = (s: string) => s.replace(/\(.*\)$/, '');

/** The signature line's three parts: 填报人 (handwritten), 所长 who closed it and when, 填报日期. */
export function signatureParts(r: AnnualReport): [string, string, string] {
  const c = r.closed;
  return [
    '填报人：',
    c ? `所长：${signerName(c.closedByName)}（${localWhen(c.closedAt)} 签名关账）` : '所长：（未关账）',
    `填报日期：${c ? localWhen(c.closedAt, false) : ''}`,
  ];
}

export const headLine = (r: AnnualReport) =>
  `填报单位：${r.unitName}　　全宗号：${r.fondsCode}　　统计截止：${r.year}年12月31日`;
export const statusLine = (r: AnnualReport) =>
  r.closed
    ? `已关账（签名摘要 ${r.closed.contentHash.slice(0, 16)}…）${r.closed.comment ? `　意见：${r.closed.comment}` : ''}`
    : '未关账：数字为实时统计，关账后冻结';

const COLUMNS = [0.29, 0.13, 0.08, 0.29, 0.13, 0.08];
const SIZE = 9;

function sectionForm(lines: ReportLine[]): FormBlock {
  const rows: FormBlock['rows'] = [];
  for (let i = 0; i < lines.length; i += 2)
    rows.push({
      height: 10,
      cells: [lines[i], lines[i + 1]].flatMap((l) => [
        { text: l ? `${l.label}${l.note ? `（注${l.note.n}）` : ''}` : '', size: SIZE, align: 'left' as const },
        { text: l ? String(l.value) : '', size: SIZE, align: 'right' as const },
        { text: l?.unit ?? '', size: SIZE },
      ]),
    });
  return { type: 'form', columns: COLUMNS, rows };
}

export function annualReportDoc(r: AnnualReport): DocSpec {
  const sections = reportSections(r);
  const notes = sections.flatMap((s) => s.lines.filter((l) => l.note));
  const doc: DocSpec = {
    title: `档案室基本情况年报 ${r.year}`,
    page: 'A4',
    margin: { top: 15, right: 15, bottom: 12, left: 20 },
    pageNumbers: true,
    blocks: [
      { type: 'title', text: `档案室基本情况年报（${r.year}年度）`, size: 18, after: 3 },
      { type: 'line', text: headLine(r), size: 10 },
      { type: 'line', text: statusLine(r), size: 9 },
      ...sections.flatMap((s) => [{ type: 'line' as const, text: s.title, size: 11 }, sectionForm(s.lines)]),
      ...(notes.length ? [{ type: 'line' as const, text: '注：本表中“—”为本系统无法统计的项目', size: 9 }] : []),
      ...notes.map((l) => ({ type: 'line' as const, text: `${l.note!.n}. ${l.label}：${l.note!.reason}`, size: 8 })),
      {
        type: 'form',
        columns: [0.25, 0.5, 0.25],
        rows: [{ height: 12, cells: signatureParts(r).map((text) => ({ text, size: 10, align: 'left' as const })) }],
      },
    ],
  };
  if (r.closed && r.corrections.length) doc.blocks.push(...correctionBlocks(r));
  return doc;
}

/** The change of a corrected figure, signed (a ratio's difference rounded as its values are, to 0.1). */
export function changeText(frozen: number, live: number): string {
  const d = Math.round((live - frozen) * 10) / 10;
  return `${d > 0 ? '+' : ''}${d}`;
}

/** The 更正 rows: one per figure changed since closing, then one per record behind the change. */
export function correctionRows(r: AnnualReport): string[][] {
  return r.corrections.flatMap((c, i) => {
    const head = [String(i + 1), c.label, String(c.frozen), String(c.live), changeText(c.frozen, c.live)];
    const [first, ...rest] = c.changed;
    return [
      [...head, first?.archiveCode ?? '', first?.title ?? ''],
      ...rest.map((x) => ['', '', '', '', '', x.archiveCode, x.title]),
    ];
  });
}

function correctionBlocks(r: AnnualReport): DocSpec['blocks'] {
  const c = r.closed!;
  return [
    { type: 'break' },
    { type: 'title', text: `统计年报更正表（${r.year}年度）`, size: 16, after: 3 },
    { type: 'line', text: headLine(r), size: 10 },
    {
      type: 'line',
      text: `${signerName(c.closedByName)}于${localWhen(c.closedAt)}关账；以下数字的现值与关账时不同，变动的档案列于其后`,
      size: 9,
    },
    {
      type: 'table',
      size: 8,
      columns: [
        { header: '序号', width: 0.06, align: 'center' },
        { header: '统计项', width: 0.24 },
        { header: '关账时', width: 0.09, align: 'right' },
        { header: '现值', width: 0.09, align: 'right' },
        { header: '增减', width: 0.08, align: 'right' },
        { header: '变动的档案（档号）', width: 0.22 },
        { header: '题名', width: 0.22 },
      ],
      rows: correctionRows(r),
    },
  ];
}
