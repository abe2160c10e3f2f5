/**
 * Column mapping: which sheet header fills which catalogue field. Headers that match a
 * field's Chinese label map themselves; a mapping the clerk confirmed is remembered per
 * (category, header list) so the next month's sheet of the same shape needs no setup.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { importMappings } from '../../../db/schema/scheme';
import type { CategoryView } from '../../contract/dto';
import { ITEM_COLUMNS } from '../../contract/domain';
import { type CoreContext, AppError } from '../kernel';
import { ALIASES, PERSON_LABELS, headerKeys, normalizeHeader } from './headers';

export type Mapping = Record<string, string>;

export const PERSON_FIELDS = { personName: '姓名', personIdNumber: '公民身份号码' } as const;

/** Every field a column may fill, with its Chinese label (used in messages and the mapping UI). */
export function targetLabels(category: CategoryView): Map<string, string> {
  const m = new Map<string, string>(Object.entries(ITEM_COLUMNS));
  for (const [k, v] of Object.entries(PERSON_FIELDS)) m.set(k, v);
  for (const f of category.effectiveFields) m.set(`extra.${f.key}`, f.label);
  return m;
}

/**
 * Which fields a header may name, best first: a built-in column's label, a person
 * field's (姓名, 人员姓名, …), the category's extra field of that label, then the usual
 * variants. Built-in columns and person fields come before an extra field of the same
 * label (公民身份号码): linking persons (一人一档) is what makes the record findable.
 */
function candidateTable(category: CategoryView): Map<string, string[]> {
  const table = new Map<string, string[]>();
  const add = (label: string, field: string) => {
    const key = normalizeHeader(label);
    const list = table.get(key) ?? [];
    if (!list.includes(field)) list.push(field);
    table.set(key, list);
  };
  for (const [k, v] of Object.entries(ITEM_COLUMNS)) add(v, k);
  for (const [k, v] of Object.entries(PERSON_FIELDS)) add(v, k);
  for (const [k, v] of Object.entries(PERSON_LABELS)) add(v, k);
  for (const f of category.effectiveFields) add(f.label, `extra.${f.key}`);
  for (const [k, v] of Object.entries(ALIASES)) add(k, v);
  return table;
}

/**
 * Each header takes its best field that is still free. A header that can name only one
 * field has that field to itself: with both 人员公民身份号码 and 公民身份号码 in a 户籍
 * sheet, the first is the person's and the second falls to the category's own field.
 */
export function autoMapping(headers: string[], category: CategoryView): Mapping {
  const table = candidateTable(category);
  const lookup = (h: string): string[] =>
    headerKeys(normalizeHeader(h))
      .map((k) => table.get(k))
      .find(Boolean) ?? [];
  const candidates = headers.map(lookup);
  const claimedBy = new Map<string, number>();
  candidates.forEach((c, i) => {
    if (c.length === 1 && !claimedBy.has(c[0]!)) claimedBy.set(c[0]!, i);
  });
  const used = new Set<string>();
  const out: Mapping = {};
  headers.forEach((h, i) => {
    const field = candidates[i]!.find((f) => !used.has(f) && (claimedBy.get(f) ?? i) === i);
    if (field) used.add(field);
    out[h] = field ?? '';
  });
  return out;
}

/** A row is the header when one of its cells names a field, or a column of the given mapping. */
export function headerTest(category: CategoryView, explicit: Mapping | undefined): (cells: string[]) => boolean {
  const names = new Set(Object.keys(explicit ?? {}).map(normalizeHeader));
  return (cells) =>
    cells.some((c) => names.has(normalizeHeader(c))) || Object.values(autoMapping(cells, category)).some(Boolean);
}

/**
 * Checks a given mapping against the category's fields: unknown targets and two columns
 * feeding one field are the clerk's mistakes and are named. Headers absent from the file
 * are dropped (a remembered or saved mapping may list more than this sheet has).
 */
export function checkMapping(headers: string[], mapping: Mapping, category: CategoryView): Mapping {
  const labels = targetLabels(category);
  const out: Mapping = {};
  const owner = new Map<string, string>();
  for (const h of headers) {
    const field = (mapping[h] ?? '').trim();
    out[h] = field;
    if (!field) continue;
    if (!labels.has(field)) {
      throw new AppError('VALIDATION_FAILED', `列“${h}”对应的字段“${field}”在门类“${category.name}”中不存在`, [
        { path: ['mapping', h], message: '未知字段' },
      ]);
    }
    const prev = owner.get(field);
    if (prev) {
      throw new AppError('VALIDATION_FAILED', `列“${prev}”和列“${h}”不能同时对应“${labels.get(field)}”`, [
        { path: ['mapping', h], message: '字段重复' },
      ]);
    }
    owner.set(field, h);
  }
  return out;
}

export function mappingSignature(categoryId: string, headers: string[]): string {
  const normalized = headers.map(normalizeHeader).join('\u0001');
  return createHash('sha256').update(categoryId).update('\u0000').update(normalized).digest('hex');
}

export function loadRememberedMapping(ctx: CoreContext, categoryId: string, headers: string[]): Mapping | null {
  const row = ctx.orm
    .select({ mapping: importMappings.mapping })
    .from(importMappings)
    .where(eq(importMappings.signature, mappingSignature(categoryId, headers)))
    .get();
  if (!row) return null;
  try {
    return JSON.parse(row.mapping) as Mapping;
  } catch {
    return null;
  }
}

/** Must run inside the import's transaction, so a failed import does not remember its mapping. */
export function rememberMapping(ctx: CoreContext, categoryId: string, headers: string[], mapping: Mapping): void {
  const row = { mapping: JSON.stringify(mapping), updatedAt: ctx.nowIso() };
  ctx.orm
    .insert(importMappings)
    .values({ signature: mappingSignature(categoryId, headers), categoryId, ...row })
    .onConflictDoUpdate({ target: importMappings.signature, set: row })
    .run();
}

export interface ResolvedMapping {
  mapping: Mapping;
  remembered: boolean;
}

/** Explicit mapping first, then the remembered one for this sheet shape, then auto-mapping. */
export function resolveMapping(
  ctx: CoreContext,
  headers: string[],
  category: CategoryView,
  explicit: Mapping | undefined,
): ResolvedMapping {
  if (explicit) return { mapping: checkMapping(headers, explicit, category), remembered: false };
  const saved = loadRememberedMapping(ctx, category.id, headers);
  if (saved) {
    try {
      return { mapping: checkMapping(headers, saved, category), remembered: true };
    } catch {
      // The category's fields changed since; fall back to auto-mapping rather than fail.
    }
  }
  return { mapping: autoMapping(headers, category), remembered: false };
}
