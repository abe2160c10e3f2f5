/**
 * `npm run bench:ocr`: the app's page pipeline (seal dropout, deskew, crop, rule removal,
 * tesseract.js page text, template detection, zone reading, validation) against native
 * Tesseract from Debian on the same generated pages, in one run on this machine.
 * Prints JSON: CER by page kind, field exact-match (raw and after validation), seconds
 * per page with one worker and with the pool, pool speed-up, peak memory, and the targets.
 *
 *   node scripts/bin/run-ts.mjs scripts/bench/ocr.ts [--out DIR] [--seed N] [--count N] [--workers N] [--skip-native]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import { decodePages } from '../../electron/core/imaging/decode';
import { preparePage } from '../../electron/core/imaging/prepare';
import { stageLangData } from '../../electron/core/ocr/lang-data';
import { defaultPoolSize, OcrPool } from '../../electron/core/ocr/pool';
import { readPage, type PageReading } from '../../electron/core/ocr/read-page';
import { generateOcrSet, type OcrPage } from '../fixtures/ocr/generate';
import { cer, fieldExactMatch, mean, summarize } from './ocr-metrics';
import { benchNative } from './ocr-native';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: path.resolve('tests/fixtures/ocr/generated') },
    seed: { type: 'string', default: '20261121' },
    count: { type: 'string' },
    workers: { type: 'string' },
    'skip-native': { type: 'boolean', default: false },
  },
});

interface PageScore {
  file: string;
  kind: 'form' | 'text';
  cer: number;
  seconds: number;
  template: string | null;
  templateRight: boolean;
  raw?: { total: number; exact: number };
  validated?: { total: number; exact: number; misses: string[] };
}

/** Peak resident memory of this process (tesseract.js workers are threads inside it). */
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);

async function readOne(pool: OcrPool, dir: string, p: OcrPage): Promise<PageScore> {
  const started = performance.now();
  const [d] = await decodePages({ bytes: fs.readFileSync(path.join(dir, p.file)), name: p.file });
  if (!d?.ok) throw new Error(`${p.file}: ${d?.ok === false ? d.error.message : 'no page'}`);
  const processed = await preparePage(d.page);
  const r: PageReading = await readPage(pool, processed.png, {
    dpi: processed.dpi,
    template: 'auto',
    templates: BUILTIN_TEMPLATES,
    pdf: false,
  });
  const seconds = (performance.now() - started) / 1000;
  const score: PageScore = {
    file: p.file,
    kind: p.kind,
    cer: cer(p.text, r.text),
    seconds,
    template: r.template?.id ?? null,
    templateRight: (r.template?.id ?? undefined) === p.templateId,
  };
  if (p.fields) {
    const tpl = BUILTIN_TEMPLATES.find((t) => t.id === p.templateId)!;
    const raw = Object.fromEntries(r.fields.map((f) => [f.key, f.raw.replace(/\s+/g, '')]));
    const validated = Object.fromEntries(r.fields.map((f) => [f.key, f.value]));
    const r1 = fieldExactMatch(p.fields, raw, tpl.fields);
    const r2 = fieldExactMatch(p.fields, validated, tpl.fields);
    score.raw = { total: r1.total, exact: r1.exact };
    score.validated = { total: r2.total, exact: r2.exact, misses: r2.misses };
  }
  return score;
}

async function runApp(dir: string, pages: OcrPage[], workers: number): Promise<{ scores: PageScore[]; wall: number }> {
  const pool = new OcrPool({ langDir: stageLangData(path.join(os.tmpdir(), 'dangan-ocr-cache')), size: workers });
  await pool.warm();
  const started = performance.now();
  const scores: PageScore[] = [];
  // As many pages in flight as workers, plus one being prepared: the pool stays busy.
  let next = 0;
  await Promise.all(
    Array.from({ length: workers + 1 }, async () => {
      while (next < pages.length) scores.push(await readOne(pool, dir, pages[next++]!));
    }),
  );
  const wall = (performance.now() - started) / 1000;
  await pool.close();
  return { scores, wall };
}

const rate = (xs: { total: number; exact: number }[]) => {
  const t = xs.reduce((s, x) => s + x.total, 0);
  return t ? xs.reduce((s, x) => s + x.exact, 0) / t : NaN;
};
const r3 = (x: number) => Math.round(x * 1000) / 1000;

function summary(scores: PageScore[]) {
  const forms = scores.filter((s) => s.kind === 'form');
  const texts = scores.filter((s) => s.kind === 'text');
  return {
    pages: scores.length,
    cer: {
      all: r3(mean(scores.map((s) => s.cer))),
      forms: r3(mean(forms.map((s) => s.cer))),
      text: r3(mean(texts.map((s) => s.cer))),
    },
    templateDetected: r3(forms.filter((s) => s.templateRight).length / Math.max(1, forms.length)),
    fieldsExact: { raw: r3(rate(forms.map((s) => s.raw!))), validated: r3(rate(forms.map((s) => s.validated!))) },
    secondsPerPage: summarize(scores.map((s) => s.seconds)),
  };
}

async function main(): Promise<void> {
  const dir = values.out;
  const manifest = await generateOcrSet(dir, {
    seed: Number(values.seed),
    count: values.count ? Number(values.count) : undefined,
  });
  const pages = manifest.pages;
  const poolSize = values.workers ? Number(values.workers) : Math.max(2, defaultPoolSize());
  const one = await runApp(dir, pages, 1);
  const pool = await runApp(dir, pages, poolSize);
  const nativeSingle = values['skip-native'] ? null : await benchNative(dir, { singleThread: true });
  const nativeDefault = values['skip-native'] ? null : await benchNative(dir, {});
  clearInterval(sampler);
  const app = summary(one.scores);
  const nat = (xs: typeof nativeSingle) =>
    xs && {
      cer: {
        all: r3(mean(xs.map((x) => x.cer))),
        forms: r3(mean(xs.filter((x) => x.kind === 'form').map((x) => x.cer))),
        text: r3(mean(xs.filter((x) => x.kind === 'text').map((x) => x.cer))),
      },
      secondsPerPage: r3(mean(xs.map((x) => x.ms / 1000))),
    };
  const nativeOne = nat(nativeSingle);
  const perPage = one.wall / pages.length;
  const misses: Record<string, number> = {};
  for (const s of one.scores) for (const k of s.validated?.misses ?? []) misses[k] = (misses[k] ?? 0) + 1;
  const result = {
    machine: { cpus: os.availableParallelism(), node: process.version },
    set: { dir, seed: manifest.seed, pages: pages.length, forms: pages.filter((p) => p.kind === 'form').length },
    app: {
      ...app,
      oneWorkerSecondsPerPage: r3(perPage),
      pool: { workers: poolSize, secondsPerPage: r3(pool.wall / pages.length), speedup: r3(one.wall / pool.wall) },
    },
    native: { singleThread: nativeOne, defaultThreads: nat(nativeDefault) },
    peakMemoryMB: Math.round(peak / 2 ** 20),
    fieldMisses: misses,
    targets: {
      cerNoWorseThanNative: nativeOne ? app.cer.all <= nativeOne.cer.all : null,
      fieldsValidatedAtLeast95: app.fieldsExact.validated >= 0.95,
      poolSpeedupAtLeast1_7: one.wall / pool.wall >= 1.7,
      perPageAtMost1_5xNative: nativeOne ? perPage <= 1.5 * nativeOne.secondsPerPage : null,
      peakMemoryAtMost1_5GB: peak <= 1.5 * 2 ** 30,
    },
  };
  console.log(JSON.stringify(result, null, 2));
}

void main();
