/**
 * Legacy catalogue import: preview (read, map, dry-run validate) and commit (validate
 * again under the write lock, then write everything in one transaction). Used by the
 * import.* handlers and directly by the `dangan import catalogue` command.
 */
import type { CategoryView, ExportFile, ImportPreview, ImportResult } from '../../contract/dto';
import type { MethodParsed } from '../../contract/methods';
import { type CoreContext, type Session, AppError } from '../kernel';
import { loadScheme } from '../scheme';
import { columnWarnings } from './column-hints';
import { finishJob, startJob, writeRows } from './commit';
import { headerTest, resolveMapping, type Mapping } from './mapping';
import { readTable, type Table } from './read-table';
import { errorReport } from './report';
import { importTemplate } from './template';
import { validateRows, type Validation } from './validate-rows';

export type ImportSource = MethodParsed<'import.preview'>;
export type ImportCommit = MethodParsed<'import.commit'>;

const SAMPLE_ROWS = 20;

function importableCategory(ctx: CoreContext, categoryId: string): CategoryView {
  const category = loadScheme(ctx).byId.get(categoryId);
  if (!category) throw new AppError('NOT_FOUND', '门类不存在');
  if (category.arrangement !== 'item') {
    throw new AppError(
      'WRONG_ARRANGEMENT',
      `“${category.name}”按卷整理，不能用表格直接导入件；请选择按件整理的门类，或先建案卷后逐件登记`,
    );
  }
  return category;
}

interface Prepared {
  category: CategoryView;
  table: Table;
  mapping: Mapping;
  remembered: boolean;
  validation: Validation;
}

async function readAndValidate(
  ctx: CoreContext,
  session: Session,
  src: ImportSource,
  onProgress: (done: number, total: number) => void,
): Promise<Prepared> {
  const category = importableCategory(ctx, src.categoryId);
  const table = await readTable(src.fileName, src.base64, src.sheet, headerTest(category, src.mapping));
  const { mapping, remembered } = resolveMapping(ctx, table.headers, category, src.mapping);
  const validation = await validateRows({
    ctx,
    session,
    category,
    table,
    mapping,
    defaults: src.defaults,
    onProgress,
  });
  return { category, table, mapping, remembered, validation };
}

const progress =
  (ctx: CoreContext, jobId: string, phase: string) =>
  (done: number, total: number): void =>
    ctx.events.emit('job.progress', {
      jobId,
      kind: 'import',
      phase,
      done,
      total,
      message: `${phase} ${done}/${total}`,
    });

export async function previewImport(ctx: CoreContext, session: Session, src: ImportSource): Promise<ImportPreview> {
  const p = await readAndValidate(ctx, session, src, progress(ctx, ctx.ids(), '校验'));
  return {
    sheets: p.table.sheets,
    sheet: p.table.sheet,
    headers: p.table.headers,
    mapping: p.mapping,
    mappingRemembered: p.remembered,
    totalRows: p.table.rows.length,
    sampleRows: p.table.rows
      .slice(0, SAMPLE_ROWS)
      .map((r) => Object.fromEntries(p.table.headers.map((h, i) => [h, r.cells[i] ?? '']))),
    errors: p.validation.errors,
    validRows: p.validation.validRows,
    warnings: columnWarnings(p.table, p.mapping, p.category),
  };
}

/**
 * Must run under the write lock (dispatch does this for import.commit; the CLI calls
 * it through ctx.lock.run): validation and writing then see the same numbers.
 * All rows or none, unless the clerk asked for the valid rows only: then those are
 * written (in one transaction, audited with what was skipped) and the rest come back
 * as a report to fix and import again.
 */
export async function commitImport(ctx: CoreContext, session: Session, src: ImportCommit): Promise<ImportResult> {
  const jobId = ctx.ids();
  startJob(ctx, jobId, session);
  try {
    const p = await readAndValidate(ctx, session, src, progress(ctx, jobId, '校验'));
    const { errors, errorCount, rejected, validRows } = p.validation;
    if (errorCount > 0 && !src.validOnly) {
      const msg = `导入数据有 ${errorCount} 处错误，未写入任何记录，请改正后重新导入`;
      throw new AppError('IMPORT_HAS_ERRORS', msg, errors);
    }
    if (validRows === 0) {
      throw new AppError('IMPORT_HAS_ERRORS', '没有可以导入的有效行，未写入任何记录，请改正后重新导入', errors);
    }
    // Built before anything is written: a report that cannot be made must not leave rows
    // in the archive that the clerk has no list of the others for.
    const report = rejected.length > 0 ? await errorReport(src.fileName, p.table, rejected) : null;
    // Mark the transaction before BEGIN: reads (even ones triggered by a progress
    // listener) then wait for the whole import instead of seeing half of it.
    let release!: () => void;
    ctx.lock.holdTransaction(new Promise<void>((r) => (release = r)));
    let result: ImportResult;
    try {
      result = await writeRows(ctx, session, {
        jobId,
        fileName: src.fileName,
        categoryId: p.category.id,
        headers: p.table.headers,
        mapping: p.mapping,
        rows: p.validation.rows,
        skippedRows: rejected.map((r) => r.row.rowNo),
        onProgress: progress(ctx, jobId, '写入'),
      });
    } finally {
      release();
    }
    finishJob(ctx, jobId, 'done', result.imported, result, null);
    return { ...result, report };
  } catch (e) {
    finishJob(ctx, jobId, 'failed', 0, null, e instanceof Error ? e.message : String(e));
    throw e;
  }
}

/** The template of an importable category (按件整理 only, as the import itself). */
export function categoryTemplate(ctx: CoreContext, categoryId: string): Promise<ExportFile> {
  return importTemplate(ctx, importableCategory(ctx, categoryId));
}
