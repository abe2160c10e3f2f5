/**
 * Unmapped columns that look like 公民身份号码 or names. Such a column would otherwise be
 * dropped without a word (a header the mapping does not know, e.g. 当事人证件); the
 * preview names it, says what it looks like and which field it could fill.
 */
import type { ImportColumnKind, ImportColumnWarning } from '../../contract/importer';
import type { CategoryView } from '../../contract/dto';
import { parseIdNumber } from '../persons';
import { halfWidth, splitList } from './convert';
import type { Mapping } from './mapping';
import type { Table } from './read-table';

/** Enough cells to judge a column by, without reading a whole large sheet twice. */
const SAMPLE = 200;
/** Share of a column's non-empty cells that must look the part. */
const SHARE = 0.6;

const ID_SHAPE = /^(\d{17}[\dX]|\d{15})$/;
/** Two to four Han characters, or a minority name with the middle dot (阿依古丽·买买提). */
const NAME_SHAPE = /^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,10}[·•][\u4e00-\u9fff]{1,10}$/;

const idText = (s: string) => halfWidth(s).replace(/\s+/g, '').toUpperCase();

export function columnWarnings(table: Table, mapping: Mapping, category: CategoryView): ImportColumnWarning[] {
  const used = new Set(Object.values(mapping).filter(Boolean));
  const idFields = [
    'personIdNumber',
    ...category.effectiveFields.filter((f) => f.type === 'idNumber').map((f) => `extra.${f.key}`),
  ];
  const free = (fields: string[]) => fields.find((f) => !used.has(f)) ?? null;
  const out: ImportColumnWarning[] = [];
  table.headers.forEach((header, col) => {
    if (mapping[header]) return;
    const cells = table.rows
      .slice(0, SAMPLE)
      .map((r) => (r.cells[col] ?? '').trim())
      .filter(Boolean);
    if (cells.length === 0) return;
    const ids = cells.flatMap((c) => splitList(idText(c).replace(/\s+/g, ',')));
    const idLike = ids.filter((c) => ID_SHAPE.test(c));
    if (idLike.length > 0 && idLike.length >= ids.length * SHARE) {
      const valid = idLike.filter((c) => parseIdNumber(c).ok).length;
      const what = `公民身份号码（抽查 ${idLike.length} 个，其中 ${valid} 个校验位正确）`;
      out.push(warning(header, 'idNumber', free(idFields), what));
      return;
    }
    const names = cells.flatMap(splitList);
    const nameLike = names.filter((c) => NAME_SHAPE.test(c));
    // Names rarely repeat down a column; 汉族/男/已婚 do, and are not names.
    const distinct = new Set(nameLike).size;
    if (
      nameLike.length > 0 &&
      nameLike.length >= names.length * SHARE &&
      (nameLike.length < 5 || distinct >= nameLike.length / 2)
    ) {
      out.push(warning(header, 'personName', free(['personName']), `人员姓名（如“${nameLike[0]}”）`));
    }
  });
  return out;
}

function warning(header: string, kind: ImportColumnKind, field: string | null, what: string): ImportColumnWarning {
  const tail = field ? '' : '；对应字段已被其他列占用，请检查列对应关系';
  return {
    header,
    kind,
    suggestedField: field,
    message: `列“${header}”没有对应任何字段，导入时将被忽略，但其内容看起来是${what}${tail}`,
  };
}
