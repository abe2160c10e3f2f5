/**
 * A batch's scope as SQL over the catalogue: a 门类 (and its sub-classes), a year, a box-number
 * range — any that are set apply together. Only live records at or below the caller's clearance
 * are counted or listed, so the self-check names nothing the caller may not see.
 */
import type { ArrangementBatchRecord } from '../../../db/schema';

export interface ScopeSql {
  /** A WHERE clause over `items i` (or `volumes v`), and its parameters. */
  where: string;
  params: (string | number)[];
}

type Scope = Pick<ArrangementBatchRecord, 'categoryCode' | 'year' | 'boxFrom' | 'boxTo'>;

function scopeSql(b: Scope, alias: 'i' | 'v', clearance: number): ScopeSql {
  const level = alias === 'i' ? 'i.access_level' : 'v.security_level';
  const parts = [`${alias}.deleted_at IS NULL`, `${level} <= ?`];
  const params: (string | number)[] = [clearance];
  if (b.categoryCode) {
    parts.push(`(${alias}.category_code = ? OR ${alias}.category_code LIKE ?)`);
    params.push(b.categoryCode, `${b.categoryCode}·%`);
  }
  if (b.year !== null) {
    parts.push(`${alias}.year = ?`);
    params.push(b.year);
  }
  if (b.boxFrom !== null && b.boxTo !== null) {
    // A record is in the range when it, or (for an item) its volume, lies in a box numbered in it.
    const inBox =
      alias === 'i'
        ? `((bc.entity = 'item' AND bc.entity_id = i.id) OR (bc.entity = 'volume' AND bc.entity_id = i.volume_id))`
        : `(bc.entity = 'volume' AND bc.entity_id = v.id)`;
    parts.push(
      `EXISTS (SELECT 1 FROM box_contents bc JOIN boxes b ON b.id = bc.box_id ` +
        `WHERE b.deleted_at IS NULL AND b.box_no BETWEEN ? AND ? AND ${inBox})`,
    );
    params.push(b.boxFrom, b.boxTo);
  }
  return { where: parts.join(' AND '), params };
}

export const itemScope = (b: Scope, clearance: number) => scopeSql(b, 'i', clearance);
export const volumeScope = (b: Scope, clearance: number) => scopeSql(b, 'v', clearance);

/** An item has been scanned when it, or its volume, has a live page. */
export const SCANNED = `EXISTS (SELECT 1 FROM pages p WHERE p.deleted_at IS NULL AND p.item_id = i.id)`;

export function scopeLabel(b: Scope): string {
  const parts: string[] = [];
  if (b.categoryCode) parts.push(`门类 ${b.categoryCode}`);
  if (b.year !== null) parts.push(`${b.year}年度`);
  if (b.boxFrom !== null && b.boxTo !== null) parts.push(`盒号 ${b.boxFrom}–${b.boxTo}`);
  return parts.join('，');
}
