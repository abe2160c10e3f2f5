/**
 * One engine's run over one set, summed up for bench:ocr: CER by page kind, field
 * exact-match (raw and after validation) overall and per kind, the calibration table,
 * seconds per page and memory.
 */
import { calibrationTable, mean, summarize } from './ocr-metrics';
import type { PageScore, RunResult } from './ocr-run';

type Tally = { total: number; exact: number };
const rate = (xs: Tally[]) => {
  const t = xs.reduce((s, x) => s + x.total, 0);
  return t ? xs.reduce((s, x) => s + x.exact, 0) / t : NaN;
};
export const r3 = (x: number) => Math.round(x * 1000) / 1000;
export const MB = (b: number) => Math.round(b / 2 ** 20);

/** Field exact-match for some field kinds only, summed over the form pages. */
const kindRate = (forms: PageScore[], which: 'raw' | 'validated', kinds: string[]) =>
  r3(rate(forms.flatMap((s) => kinds.map((k) => s[which]?.byKind[k] ?? { total: 0, exact: 0 }))));

/** The kinds reported one by one (issue 17): names, ID numbers, dates, enumerations, addresses. */
const KINDS: Record<string, string[]> = {
  name: ['name'],
  idNumber: ['idNumber'],
  date: ['date'],
  enum: ['enum', 'sex'],
  address: ['address'],
};

export function summary(run: RunResult) {
  const { scores } = run;
  const forms = scores.filter((s) => s.kind === 'form');
  const texts = scores.filter((s) => s.kind === 'text');
  const misses: Record<string, number> = {};
  for (const s of scores) for (const k of s.validated?.misses ?? []) misses[k] = (misses[k] ?? 0) + 1;
  const calibration = calibrationTable(forms.flatMap((s) => s.judged ?? [])).map((b) => ({
    ...b,
    share: b.share === null ? null : r3(b.share),
  }));
  return {
    engine: [...new Set(scores.map((s) => s.engine))].join(' / '),
    pages: scores.length,
    cer: {
      all: r3(mean(scores.map((s) => s.cer))),
      forms: r3(mean(forms.map((s) => s.cer))),
      text: r3(mean(texts.map((s) => s.cer))),
    },
    templateDetected: r3(forms.filter((s) => s.templateRight).length / Math.max(1, forms.length)),
    fieldsExact: {
      raw: r3(rate(forms.map((s) => s.raw!))),
      validated: r3(rate(forms.map((s) => s.validated!))),
      idNumber: { raw: kindRate(forms, 'raw', ['idNumber']), validated: kindRate(forms, 'validated', ['idNumber']) },
      date: { raw: kindRate(forms, 'raw', ['date']), validated: kindRate(forms, 'validated', ['date']) },
    },
    /** Exact-match by kind after validation (raw in brackets is in fieldsExact for IDs and dates). */
    byKind: Object.fromEntries(
      Object.entries(KINDS).map(([k, kinds]) => [
        k,
        { raw: kindRate(forms, 'raw', kinds), validated: kindRate(forms, 'validated', kinds) },
      ]),
    ),
    /** Confidence band → share exactly right; the target: ≥90 at least 99%. */
    calibration,
    calibrationAtLeast99pctAbove90: (calibration.at(-1)?.share ?? 1) >= 0.99,
    /** Wall time over the set divided by its pages (pages overlap: one prepared while one is read). */
    secondsPerPage: r3(run.wall / scores.length),
    pageLatency: summarize(scores.map((s) => s.seconds)),
    readLatency: summarize(scores.map((s) => s.readSeconds)),
    // What reading the fields adds to the page's OCR (issue target: ≤ 0.2 s/page).
    fieldsLatency: summarize(scores.map((s) => s.fieldsSeconds)),
    /** Peak PSS of the process tree (the app and PP-OCR's host); RSS counts shared pages once per process. */
    peakMemoryMB: MB(run.peak.pss),
    peakRssMB: MB(run.peak.rss),
    fieldMisses: misses,
  };
}
export type Summary = ReturnType<typeof summary>;
