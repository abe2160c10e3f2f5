/**
 * The columns the demo's bulk load fills per row, in the order the generator writes a
 * row's values (produce.ts) and the writer reads them back (`value->>k`, writer.ts).
 * Names are the schema's, so a renamed or retyped column breaks the typecheck on both
 * sides; the SQL column names come from the schema too.
 */
import type { itemPersons, items, persons, volumes } from '../../../db/schema/catalogue';
import type { pageTexts } from '../../../db/schema/search';

export const ITEM_FIELDS = [
  'id',
  'categoryId',
  'categoryCode',
  'year',
  'retention',
  'orgCode',
  'volumeId',
  'itemNo',
  'archiveCode',
  'title',
  'author',
  'docNumber',
  'date',
  'pageCount',
  'securityLevel',
  'extra',
  'personNames',
] as const satisfies readonly (keyof typeof items.$inferInsert)[];

export const VOLUME_FIELDS = [
  'id',
  'categoryId',
  'categoryCode',
  'year',
  'retention',
  'orgCode',
  'volumeNo',
  'archiveCode',
  'title',
  'startDate',
  'endDate',
  'securityLevel',
] as const satisfies readonly (keyof typeof volumes.$inferInsert)[];

export const PERSON_FIELDS = [
  'id',
  'name',
  'idNumber',
] as const satisfies readonly (keyof typeof persons.$inferInsert)[];

export const LINK_FIELDS = [
  'itemId',
  'personId',
  'position',
] as const satisfies readonly (keyof typeof itemPersons.$inferInsert)[];

export const PAGE_TEXT_FIELDS = [
  'id',
  'itemId',
  'pageNo',
  'text',
] as const satisfies readonly (keyof typeof pageTexts.$inferInsert)[];

/** One row as the positional array of its fields' values, typed by the schema. */
type RowOf<R, K extends readonly (keyof R)[]> = { -readonly [I in keyof K]: R[K[I]] };

export type ItemRow = RowOf<Required<typeof items.$inferInsert>, typeof ITEM_FIELDS>;
export type VolumeRow = RowOf<Required<typeof volumes.$inferInsert>, typeof VOLUME_FIELDS>;
export type PersonRow = RowOf<Required<typeof persons.$inferInsert>, typeof PERSON_FIELDS>;
export type LinkRow = RowOf<Required<typeof itemPersons.$inferInsert>, typeof LINK_FIELDS>;
export type PageTextRow = RowOf<Required<typeof pageTexts.$inferInsert>, typeof PAGE_TEXT_FIELDS>;
