/**
 * One engine over a generated OCR set, through the app's own page pipeline (seal
 * dropout, deskew, crop, rule removal, page text, template detection, zone reading,
 * validation), scored against the ground truth. Used by bench:ocr for every engine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILTIN_TEMPLATES, type FieldRead, readPage, checkDate, dictionaryFor } from '../../electron/core/forms';
import { decodePages, preparePage } from '../../electron/core/imaging';
import { type OcrEngine, stageLangData, OcrPool } from '../../electron/core/ocr';
import type { OcrPage } from '../fixtures/ocr/generate';
import { cer, fieldExactMatch, type FieldInfo, type FieldScore, type Judged } from './ocr-metrics';

type Tally = { total: number; exact: number };

export interface PageScore {
  file: string;
  kind: 'form' | 'text';
  cer: number;
  seconds: number;
  /** Of which reading (OCR, template, fields), after decoding and page processing. */
  readSeconds: number;
  /** Of readSeconds, finding the form and its fields after the page's OCR. */
  fieldsSeconds: number;
  engine: string;
  template: string | null;
  templateRight: boolean;
  raw?: Tally & { byKind: Record<string, Tally> };
  validated?: Tally & { byKind: Record<string, Tally>; misses: string[] };
  /** Each scored field's confidence and whether its validated value is exactly right. */
  judged?: JudgedField[];
}

/** A judged field with what was read and what is true, for the detail output. */
export type JudgedField = Judged & { key: string; got: string; want: string };

export interface RunResult {
  scores: PageScore[];
  wall: number;
  /** Highest memory of the process tree while this run read pages, in bytes (PeakMemory). */
  peak: { pss: number; rss: number };
}

/**
 * Memory of the whole process tree: this process (tesseract.js's workers are threads in
 * it) plus every descendant process, PP-OCR's inference host among them, found through
 * /proc/<pid>/task/<tid>/children. Each sample, every 50 ms, adds up two figures per
 * process: PSS (/proc/<pid>/smaps_rollup: private pages plus each shared page divided
 * among the processes mapping it, so the Node binary and libraries that the app and its
 * OCR host both map count once, as the machine pays for them) and VmRSS (which counts
 * them in each process). The peak of each sum is kept; PSS is the one judged. Without
 * /proc only this process's RSS is counted.
 */
export class PeakMemory {
  private peak = { pss: 0, rss: 0 };
  private readonly timer = setInterval(() => this.sample(), 50);
  sample(): void {
    const pids = [process.pid, ...descendants(process.pid)];
    const pss = pids.reduce((s, pid) => s + (pssOf(pid) ?? rssOf(pid)), 0);
    const rss = pids.reduce((s, pid) => s + rssOf(pid), 0) || process.memoryUsage().rss;
    this.peak = { pss: Math.max(this.peak.pss, pss || rss), rss: Math.max(this.peak.rss, rss) };
  }
  /** The peaks since the last reset. */
  reset(): { pss: number; rss: number } {
    this.sample();
    const p = this.peak;
    this.peak = { pss: 0, rss: 0 };
    return p;
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

function readProc(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return ''; // the process ended between listing and reading, or there is no /proc
  }
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks)
    for (const child of readProc(`/proc/${pid}/task/${tid}/children`).split(' ').filter(Boolean).map(Number))
      out.push(child, ...descendants(child));
  return out;
}

/** Resident set size in bytes (0 once the process is gone). */
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readProc(`/proc/${pid}/status`))?.[1] ?? 0) * 1024;
/** Proportional set size in bytes; null where the kernel has no smaps_rollup. */
const pssOf = (pid: number) => {
  const kb = /^Pss:\s+(\d+) kB/m.exec(readProc(`/proc/${pid}/smaps_rollup`))?.[1];
  return kb === undefined ? null : Number(kb) * 1024;
};

/**
 * A raw value before validation, brought to the truth's notation and nothing more: the
 * truth keeps dates as YYYYMMDD while the form prints 2007年3月6日 or 2007.03.06, so the
 * date's numbers are taken in order (checkDate corrects nothing, it only parses).
 * Whitespace goes, as in CER, except between a listed person's parts. Look-alike fixes, check-digit repair, snapping to lists: none.
 */
function formatOnly(kind: string, raw: string): string {
  // A list of persons keeps its separators (姓名 关系 身份号码, a line each), as the truth does.
  if (kind === 'personList') return raw;
  const s = raw.replace(/\s+/g, '');
  return kind === 'date' ? checkDate(s).value : kind === 'idNumber' ? s.toUpperCase() : s;
}

/**
 * Field kinds as the dictionary names them (address apart from other text, so per-kind
 * accuracy can speak of addresses), the template's where the form type has no dictionary.
 */
function kindsOf(formType: string, fields: readonly FieldInfo[]): FieldInfo[] {
  const dict = dictionaryFor(formType);
  return fields.map((f) => ({ ...f, kind: dict?.fields.find((d) => d.key === f.key)?.kind ?? f.kind }));
}

/**
 * Every field scored for exact match, plus every field the reader filled where the page has
 * nothing (an invented value is wrong, whatever its confidence).
 */
function judge(
  truth: Record<string, string>,
  got: readonly { key: string; value: string; confidence: number | null }[],
  fields: readonly FieldInfo[],
  misses: readonly string[],
): JudgedField[] {
  const req = new Set(fields.filter((f) => f.required).map((f) => f.key));
  const out: JudgedField[] = [];
  for (const g of got) {
    const want = (truth[g.key] ?? '').trim();
    const at = { key: g.key, got: g.value, want, confidence: g.confidence };
    if (want || req.has(g.key)) out.push({ ...at, exact: !misses.includes(g.key) });
    else if (g.value.trim()) out.push({ ...at, exact: false });
  }
  return out;
}

async function readOne(pool: OcrPool, engine: OcrEngine | null, dir: string, p: OcrPage): Promise<PageScore> {
  const started = performance.now();
  const [d] = await decodePages({ bytes: fs.readFileSync(path.join(dir, p.file)), name: p.file });
  if (!d?.ok) throw new Error(`${p.file}: ${d?.ok === false ? d.error.message : 'no page'}`);
  const processed = await preparePage(d.page);
  const r = await readPage(pool, processed.png, {
    dpi: processed.dpi,
    template: 'auto',
    templates: BUILTIN_TEMPLATES,
    pdf: false,
    engine,
  });
  const score: PageScore = {
    file: p.file,
    kind: p.kind,
    cer: cer(p.text, r.text),
    seconds: (performance.now() - started) / 1000,
    readSeconds: r.ms / 1000,
    fieldsSeconds: (r.fieldsMs ?? 0) / 1000,
    engine: r.engine,
    template: r.template?.id ?? null,
    templateRight: (r.template?.id ?? undefined) === p.templateId,
  };
  if (p.fields) {
    const tpl = BUILTIN_TEMPLATES.find((t) => t.id === p.templateId)!;
    const fields = kindsOf(tpl.id, tpl.fields);
    // The first person against the page's fields; further persons (pair pages) against their
    // own truth, a person not read at all scoring every one of its fields as missed.
    const persons: [Record<string, string>, readonly FieldRead[]][] = [
      [p.fields, r.fields],
      ...(p.otherPersons ?? []).map((t, i): [Record<string, string>, readonly FieldRead[]] => [
        t,
        r.otherPersons?.[i] ?? [],
      ]),
    ];
    const raw: Tally & { byKind: Record<string, Tally> } = { total: 0, exact: 0, byKind: {} };
    const validated: NonNullable<PageScore['validated']> = { total: 0, exact: 0, byKind: {}, misses: [] };
    score.judged = [];
    persons.forEach(([truth, got], i) => {
      const r1 = fieldExactMatch(truth, Object.fromEntries(got.map((f) => [f.key, formatOnly(f.kind, f.raw)])), fields);
      const r2 = fieldExactMatch(truth, Object.fromEntries(got.map((f) => [f.key, f.value])), fields);
      add(raw, r1);
      add(validated, r2);
      // A second person's misses are named by the person's place on the page: 2:name.
      validated.misses.push(...r2.misses.map((k) => (i ? `${i + 1}:${k}` : k)));
      score.judged!.push(...judge(truth, got, fields, r2.misses));
    });
    score.raw = raw;
    score.validated = validated;
  }
  return score;
}

/** Adds one person's exact-match counts (overall and per kind) to the page's. */
function add(to: Tally & { byKind: Record<string, Tally> }, s: FieldScore): void {
  to.total += s.total;
  to.exact += s.exact;
  for (const [k, t] of Object.entries(s.byKind ?? {})) {
    const x = (to.byKind[k] ??= { total: 0, exact: 0 });
    x.total += t.total;
    x.exact += t.exact;
  }
}

/**
 * Reads every page with `inFlight` pages at once (one more than the engine reads in
 * parallel, so the next page is being prepared while the engine works).
 */
export async function runEngine(
  dir: string,
  pages: OcrPage[],
  o: { tesseractWorkers: number; engine: OcrEngine | null; inFlight: number; memory: PeakMemory },
): Promise<RunResult> {
  const pool = new OcrPool({
    langDir: stageLangData(path.join(os.tmpdir(), 'dangan-ocr-cache')),
    size: o.tesseractWorkers,
  });
  if (!o.engine) await pool.warm();
  o.memory.reset();
  const started = performance.now();
  const scores: PageScore[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: o.inFlight }, async () => {
      while (next < pages.length) scores.push(await readOne(pool, o.engine, dir, pages[next++]!));
    }),
  );
  const wall = (performance.now() - started) / 1000;
  const peak = o.memory.reset();
  await pool.close();
  return { scores, wall, peak };
}
