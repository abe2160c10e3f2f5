/**
 * Which input fields of a method name a record whose 密级 guards it. Declared once per
 * method beside its permission (methods.ts); dispatch resolves each named record's level
 * (core/clearance.ts) and refuses the call before its handler runs when a record does not
 * exist or is above the caller's clearance — with one answer for both, so a forbidden id
 * tells nothing an unknown one does not.
 */
import { ERROR_MESSAGES } from './errors';

/** 件 (item), 案卷 (volume), a scanned page (its owner's level), a scan batch (its target's level). */
export type TargetKind = 'item' | 'volume' | 'page' | 'batch';

/**
 * Input field → the kind of record it names. A key is a field of the parsed input, dotted
 * for a nested one (`scope.volumeId`); an array field names one record per element; an
 * empty field (null, undefined) names none. A function picks the kind from the input, for a
 * field whose kind another field states (`entity: 'item' | 'volume'`).
 */
export type Targets<In = never> = Readonly<Record<string, TargetKind | ((input: In) => TargetKind)>>;

/**
 * The same answer for a record that does not exist and one the caller may not see: the
 * code's own message (the one handlers give for a deleted or missing record, so a volume
 * and an item are not told apart either), the page's as loadPage words it.
 */
export const TARGET_NOT_FOUND: Record<TargetKind, string> = {
  item: ERROR_MESSAGES.NOT_FOUND,
  volume: ERROR_MESSAGES.NOT_FOUND,
  page: '页面不存在或无权查看',
  batch: ERROR_MESSAGES.NOT_FOUND,
};
