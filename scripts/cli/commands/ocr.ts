/**
 * `dangan ocr FILE…`: reads scans without touching an archive: each page is processed
 * (deskew, crop, despeckle), recognised, matched to a form template and its fields read
 * and checked. With --data the station's own templates are used too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FormTemplate } from '../../../electron/contract/forms';
import { CliError, err, out } from '../io';
import { openSession } from '../session';
import { BUILTIN_TEMPLATES, type FieldRead, readPage } from '../../../electron/core/forms';
import { decodePages, preparePage } from '../../../electron/core/imaging';
import { AppError } from '../../../electron/core/kernel';
import {
  stageLangData,
  defaultPoolSize,
  OcrPool,
  openEngine,
  ENGINE_CHOICES,
  type EngineChoice,
  type OcrEngine,
  defaultPpocrThreads,
  TESSERACT_LABEL,
} from '../../../electron/core/ocr';

const USAGE = `用法：dangan ocr 文件… [--engine ppocr|tesseract|auto] [--template 模板标识|auto|none] [--workers N] [--threads N] [--data DIR] [--json]`;

interface PageOut {
  file: string;
  page: number;
  error?: { code: string; message: string };
  text?: string;
  confidence?: number;
  skewAngle?: number;
  blank?: boolean;
  template?: string | null;
  /** Why the template named or detected was set aside (its printed labels are not on the page). */
  templateMiss?: string | null;
  /** The engine that read this page. */
  engine?: string;
  /** 'labels': read beside the printed labels, no template fitting the page. */
  fieldSource?: 'template' | 'labels' | null;
  /** No form known: the page's label/value pairs (fields a new template could have). */
  pairs?: { label: string; value: string; kind: string; bbox: object | null }[];
  /** The page was fed upside down and read turned 180°. */
  turned?: boolean;
  /** By key; each names its printed label too. Confidence null: the field was not found (未识别). */
  fields?: FieldsOut;
  /**
   * A page holding more than one person's form: the second person's fields and on, in page
   * order, shaped as `fields` (which are the first person's).
   */
  otherPersons?: FieldsOut[];
  seconds?: number;
}

type FieldsOut = Record<
  string,
  {
    label: string;
    /** The label as read on the page (label reading only). */
    printedLabel?: string | null;
    value: string;
    raw: string;
    confidence: number | null;
    status: '已识别' | '未识别';
    valid: boolean;
    issue: string | null;
    bbox: object;
  }
>;

export async function ocrCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      template: { type: 'string', default: 'auto' },
      workers: { type: 'string' },
      engine: { type: 'string', default: 'auto' },
      threads: { type: 'string' },
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new CliError(USAGE, 2);
  const workers = values.workers ? Number(values.workers) : defaultPoolSize();
  if (!Number.isInteger(workers) || workers < 1 || workers > 16) throw new CliError('--workers 应为 1 到 16 的整数', 2);
  const choice = values.engine as EngineChoice;
  if (!(ENGINE_CHOICES as readonly string[]).includes(choice))
    throw new CliError(`--engine 应为 ${ENGINE_CHOICES.join('、')} 之一`, 2);
  const threads = values.threads ? Number(values.threads) : defaultPpocrThreads();
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new CliError('--threads 应为 1 到 64 的整数', 2);
  let templates: readonly FormTemplate[] = BUILTIN_TEMPLATES;
  let cacheDir = path.join(os.tmpdir(), 'dangan-ocr-cache');
  if (values.data) {
    // The station's templates, read through the contract as the command's account.
    const cli = await openSession(values.data, { writes: false });
    try {
      const list = await cli.call('forms.templates.list', {});
      templates = await Promise.all(list.map((t) => cli.call('forms.templates.get', { id: t.id })));
      cacheDir = path.join(cli.core.ctx.dataDir, 'cache');
    } finally {
      await cli.close();
    }
  }
  const template = values.template;
  if (template !== 'auto' && template !== 'none' && !templates.some((t) => t.id === template))
    throw new CliError(
      `没有表单模板“${template}”。可用：${templates.map((t) => `${t.id}（${t.name}）`).join('、')}`,
      2,
    );
  const pool = new OcrPool({ langDir: stageLangData(cacheDir), size: workers });
  const { engine, note } = await openEngine(choice, { threads });
  if (note) err(`注意：${note}`);
  try {
    const jobs = positionals.map((file) => readFile(pool, engine, file, template, templates));
    const results = (await Promise.all(jobs)).flat();
    if (values.json)
      out(JSON.stringify({ engine: engine?.label ?? TESSERACT_LABEL, engineNote: note, pages: results }, null, 2));
    else for (const r of results) printPage(r);
    return results.some((r) => r.error) ? 1 : 0;
  } finally {
    await engine?.close();
    await pool.close();
  }
}

async function readFile(
  pool: OcrPool,
  engine: OcrEngine | null,
  file: string,
  template: string,
  templates: readonly FormTemplate[],
): Promise<PageOut[]> {
  const fail = (page: number, e: unknown): PageOut => ({
    file,
    page,
    error: e instanceof AppError ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: String(e) },
  });
  try {
    if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `文件不存在：${file}`);
    const decoded = await decodePages({ bytes: fs.readFileSync(file), name: path.basename(file) });
    return await Promise.all(
      decoded.map(async (d): Promise<PageOut> => {
        if (!d.ok) return fail(d.index + 1, d.error);
        try {
          const started = performance.now();
          const p = await preparePage(d.page);
          const base = { file, page: d.page.index + 1, skewAngle: Math.round(p.skewAngle * 100) / 100, blank: p.blank };
          if (p.blank) return { ...base, text: '', confidence: 0, template: null, fields: {}, seconds: 0 };
          const r = await readPage(pool, p.png, { dpi: p.dpi, template, templates, pdf: false, engine });
          return {
            ...base,
            text: r.text,
            confidence: Math.round(r.confidence * 10) / 10,
            template: r.template?.id ?? null,
            templateMiss: r.templateMiss,
            engine: r.engine,
            fieldSource: r.fieldSource ?? null,
            ...(r.pairs?.length
              ? { pairs: r.pairs.map((x) => ({ label: x.label, value: x.value, kind: x.kind, bbox: x.valueBox })) }
              : {}),
            ...(r.turned ? { turned: true } : {}),
            fields: fieldsOut(r.fields),
            ...(r.otherPersons?.length ? { otherPersons: r.otherPersons.map(fieldsOut) } : {}),
            seconds: Math.round((performance.now() - started) / 100) / 10,
          };
        } catch (e) {
          return fail(d.index + 1, e);
        }
      }),
    );
  } catch (e) {
    return [fail(0, e)];
  }
}

const recognised = (f: FieldRead): boolean => f.confidence !== null && (f.raw.trim() !== '' || f.value.trim() !== '');

const fieldsOut = (fields: readonly FieldRead[]): FieldsOut =>
  Object.fromEntries(
    fields.map((f) => [
      f.key,
      // A zone read empty is not recognised either: no number, whichever way it was read.
      {
        label: f.label,
        ...('printedLabel' in f ? { printedLabel: f.printedLabel } : {}),
        value: f.value,
        raw: f.raw,
        confidence: recognised(f) ? f.confidence : null,
        status: recognised(f) ? ('已识别' as const) : ('未识别' as const),
        valid: f.valid,
        issue: f.issue,
        bbox: f.bbox,
      },
    ]),
  );

function printPage(r: PageOut): void {
  const head = `${r.file}${r.page ? ` 第${r.page}页` : ''}`;
  if (r.error) {
    err(`${head}：错误 [${r.error.code}] ${r.error.message}`);
    return;
  }
  out(
    `== ${head}  ${r.engine ?? ''}  置信度 ${r.confidence}  模板 ${r.template ?? '无'}  倾斜 ${r.skewAngle}°${r.blank ? '  空白页' : ''}`,
  );
  if (r.templateMiss) out(`  未匹配表单模板：${r.templateMiss}`);
  const printFields = (fields: FieldsOut) => {
    for (const [k, f] of Object.entries(fields))
      out(
        `  ${f.valid ? '✓' : '✗'} ${f.label}（${k}）：${f.confidence === null ? f.status : f.value}${f.issue ? `  （${f.issue}）` : ''}`,
      );
  };
  printFields(r.fields ?? {});
  (r.otherPersons ?? []).forEach((fields, i) => {
    out(`  -- 本页第${i + 2}人`);
    printFields(fields);
  });
  out(r.text ?? '');
}
