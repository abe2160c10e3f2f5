/**
 * Import extras: the committed rows may be only the valid ones (with a report of the
 * rest), a template for a category, and the preview's warnings about unmapped columns.
 */
import { z } from 'zod';
import { zId, zImportSource } from './schemas';

/**
 * `validOnly`: write the rows that passed and skip the others (the report lists them).
 * Off by default: an import is all rows or none unless the clerk asks otherwise.
 */
export const zImportCommit = zImportSource.extend({ validOnly: z.boolean().default(false) });

export const zImportTemplate = z.object({ categoryId: zId });

/** What an unmapped column's cells look like. */
export type ImportColumnKind = 'idNumber' | 'personName';

/** An unmapped column whose contents look like a field: pointed out instead of silently ignored. */
export interface ImportColumnWarning {
  header: string;
  kind: ImportColumnKind;
  /** The field it could fill, or null when another column already fills that field. */
  suggestedField: string | null;
  message: string;
}
