/**
 * `npm run bench:print [-- --items N] [--small] [--keep DIR]`: a 案卷目录 of ~1,000 real volumes
 * of a 1,000,000-item demo archive (`--small`: 20,000 items, for a quick run), printed through
 * print.document as the CLI does (print-archive.ts); then 1,000-row 案卷目录 laid out and written
 * to PDF with the embedded font (targets: ≤ 3 s, ≤ 2 MB) from rows built here (seeded), in two kinds: `typical`,
 * titles from a catalogue's usual vocabulary, and `manyGlyphs`, titles of random common
 * characters (about 3,500 different ones), the worst case for the font subset's size.
 * Prints JSON; progress on stderr.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { VolumeView } from '../../electron/contract/dto';
import { type CatalogueVolume, renderPdf, volumeCatalogueDoc } from '../../electron/core/print';
import { benchLabels } from './labels';
import { benchArchive } from './print-archive';
import { log, round } from './stats';

const ROWS = 1000;
const TARGET = { seconds: 3, bytes: 2 * 1024 * 1024 };

/** A small seeded generator: the same rows on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PLACES = [
  '北港路',
  '城关镇',
  '县道X312',
  '滨江大道',
  '新华街',
  '人民路',
  '东湖村',
  '西山乡',
  '南门社区',
  '工业园区',
];
const MATTERS = [
  '两车相撞事故卷',
  '户口迁移审批材料',
  '暂住人口登记材料',
  '信访事项处理卷',
  '出生登记材料',
  '居住证办理材料',
  '小型普通客车档案',
  '治安调解卷',
  '重点人口管理卷',
  '年度工作总结及报表',
];

function volumes(kind: 'typical' | 'manyGlyphs'): CatalogueVolume[] {
  const r = rng(kind === 'typical' ? 1 : 2);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]!;
  // Random characters from the first ~3,500 of the CJK block: in practice the common ones.
  const randomTitle = () =>
    Array.from({ length: 10 + Math.floor(r() * 20) }, () => String.fromCodePoint(0x4e00 + Math.floor(r() * 3500))).join(
      '',
    );
  return Array.from({ length: ROWS }, (_, i): CatalogueVolume => {
    const year = 1990 + (i % 35);
    const no = String(Math.floor(i / 35) + 1).padStart(3, '0');
    const base: VolumeView = {
      id: `v${i}`,
      version: 1,
      categoryId: 'c',
      categoryCode: 'ZY·JT',
      fondsCode: 'J001',
      year,
      retention: i % 3 === 0 ? 'Y' : 'D30',
      orgCode: '',
      volumeNo: Number(no),
      archiveCode: `J001-ZY·JT·${year}-D30-${no}`,
      title: kind === 'typical' ? `${pick(PLACES)}${pick(MATTERS)}` : randomTitle(),
      startDate: `${year}0${1 + (i % 9)}1${i % 10}`,
      endDate: `${year}1${i % 3}2${i % 10}`,
      securityLevel: 0,
      remarks: i % 7 === 0 ? '有复印件' : '',
      itemCount: 1 + (i % 12),
      deletedAt: null,
    };
    return { ...base, pages: 3 + (i % 90) };
  });
}

async function run(kind: 'typical' | 'manyGlyphs') {
  const rows = volumes(kind);
  const t0 = performance.now();
  const pdf = await renderPdf(
    volumeCatalogueDoc({ unitName: '北港县公安局城关派出所', fondsCode: 'J001' }, '门类：交通事故（ZY·JT）', rows),
    new Date(Date.UTC(2026, 0, 1)),
  );
  const seconds = (performance.now() - t0) / 1000;
  const glyphs = new Set(rows.flatMap((v) => Array.from(v.title))).size;
  log(`${kind}: ${pdf.pages} 页，${round(seconds)} 秒，${pdf.bytes.length} 字节`);
  return {
    rows: ROWS,
    pages: pdf.pages,
    distinctTitleChars: glyphs,
    seconds: Math.round(seconds * 1000) / 1000,
    bytes: pdf.bytes.length,
    withinTargets: seconds <= TARGET.seconds && pdf.bytes.length <= TARGET.bytes,
  };
}

const { values } = parseArgs({
  options: { items: { type: 'string' }, small: { type: 'boolean', default: false }, keep: { type: 'string' } },
});
const items = Number(values.items ?? (values.small ? 20_000 : 1_000_000));
if (!Number.isInteger(items) || items < 1) throw new Error('--items must be a positive integer');

// The font is parsed once per process: timed on its own, before the documents.
const t0 = performance.now();
await renderPdf(volumeCatalogueDoc({ unitName: '', fondsCode: '' }, '', []), new Date(0));
const fontLoadSeconds = Math.round(performance.now() - t0) / 1000;
const typical = await run('typical');
const manyGlyphs = await run('manyGlyphs');
// The first document of a process also compiles pdf-lib's code paths; a later print is faster.
const typicalAgain = await run('typical');
const labels = await benchLabels();
const archive = await benchArchive({ items, keep: values.keep, target: TARGET });
process.stdout.write(
  JSON.stringify(
    {
      document: '案卷目录',
      target: { seconds: TARGET.seconds, bytes: TARGET.bytes },
      fontLoadSeconds,
      archive,
      typical,
      manyGlyphs,
      typicalAgain,
      labels,
    },
    null,
    2,
  ) + '\n',
);
