/**
 * From a print request to a document: reads the records through the catalogue's public face
 * with the caller's clearance (nothing above it is read, so nothing above it is printed) and
 * hands them to the document functions.
 */
import type { ItemRecord } from '../../../db/schema';
import type { PrintKind } from '../../contract/print';
import type { MethodParsed } from '../../contract/methods';
import { zItemQuery } from '../../contract/schemas';
import { countWhere, getVolume, iterateItems, listVolumes, loadItem, queryWhere } from '../catalogue';
import { AppError, type CoreContext, fondsCodeOf, getMeta } from '../kernel';
import { loadScheme } from '../scheme';
import { type CatalogueVolume, itemCatalogueDoc, volumeCatalogueDoc } from './catalogue-documents';
import type { DocSpec } from './layout-types';
import { stampDoc } from './stamp-document';
import { loadBoxes } from './box-data';
import { boxBackDoc, boxSpineDoc } from './box-documents';
import { type Archive, contentsDoc, coverDoc, notesDoc, pagesOf } from './volume-documents';

type Request = MethodParsed<'print.document'>;

/** A print is one file held in memory: beyond this, ask for a narrower scope (as the export does). */
export const MAX_PRINT_ROWS = 20_000;
/** listVolumes answers at most this many volumes. */
const MAX_VOLUMES = 5000;

export interface PreparedDoc {
  spec: DocSpec;
  rows: number;
  /** The highest 密级 printed (the audit entry carries it, so it is hidden from those below). */
  securityLevel: number;
  /** What the file and the audit entry name: a 档号, or the scope. */
  subject: string;
  volumeId: string | null;
  /** For the catalogues: their rows, for the workbook (.xlsx) that carries the same rows. */
  sheet?: { kind: 'items'; items: ItemRecord[] } | { kind: 'volumes'; volumes: CatalogueVolume[] };
  /** The line under the title: whose records, which class. */
  scope?: string;
}

const itemsQuery = (scope: { volumeId?: string; categoryId?: string; year?: number }) =>
  zItemQuery.parse({ scope, sort: { column: scope.volumeId ? 'itemNo' : 'archiveCode', dir: 'asc' } });

function categoryOf(ctx: CoreContext, code: string | undefined) {
  if (code === undefined) return undefined;
  const c = loadScheme(ctx).list.find((x) => x.fullCode === code);
  if (!c) throw new AppError('VALIDATION_FAILED', `门类代码“${code}”不存在`);
  return c;
}

export function prepareDocument(ctx: CoreContext, clearance: number, r: Request): PreparedDoc {
  const archive: Archive = { unitName: getMeta(ctx, 'unit_name') ?? '', fondsCode: fondsCodeOf(ctx) };
  if (r.itemIds) {
    // Chosen items (dispatch has checked each against the clearance); a deleted one is not printed.
    const items = r.itemIds.map((id) => loadItem(ctx, id, clearance, false));
    const subject = `所选${items.length}件`;
    if (r.kind === 'item-catalogue') return itemRows(archive, items, subject, subject, null);
    return stamps(items, subject, null);
  }
  if (r.volumeId) return volumeDocument(ctx, clearance, r, archive, r.volumeId);
  if (r.kind === 'box-spine' || r.kind === 'box-back') return boxDocument(ctx, r);
  const category = categoryOf(ctx, r.categoryCode);
  const scope = { ...(category ? { categoryId: category.id } : {}), ...(r.year !== undefined ? { year: r.year } : {}) };
  const label = [
    category ? `门类：${category.name}（${category.fullCode}）` : '',
    r.year !== undefined ? `年度：${r.year}` : '',
  ]
    .filter(Boolean)
    .join('　　');
  const subject = [r.categoryCode, r.year].filter((x) => x !== undefined).join('-') || archive.fondsCode;
  if (r.kind === 'volume-catalogue') {
    const volumes = listVolumes(ctx, scope, clearance);
    if (volumes.length >= MAX_VOLUMES) throw tooMany(volumes.length);
    // The pages of each volume: the items the caller may see, found through the volume index.
    const rows = volumes.map((v) => ({
      ...v,
      pages: pagesOf([...iterateItems(ctx, itemsQuery({ volumeId: v.id }), clearance)]),
    }));
    return {
      spec: volumeCatalogueDoc(archive, label, rows),
      rows: rows.length,
      securityLevel: Math.max(0, ...rows.map((v) => v.securityLevel)),
      subject,
      volumeId: null,
      sheet: { kind: 'volumes', volumes: rows },
      scope: label,
    };
  }
  if (r.kind === 'stamp') return stamps(scopedItems(ctx, clearance, scope), subject, null);
  return itemCatalogue(ctx, clearance, archive, scope, label, subject, null);
}

function stamps(items: ItemRecord[], subject: string, volumeId: string | null): PreparedDoc {
  return {
    spec: stampDoc(items),
    rows: items.length,
    securityLevel: Math.max(0, ...items.map((i) => i.securityLevel)),
    subject,
    volumeId,
  };
}

/** The items of a scope the caller may see, refused beyond what one print holds. */
function scopedItems(ctx: CoreContext, clearance: number, scope: Parameters<typeof itemsQuery>[0]): ItemRecord[] {
  const q = itemsQuery(scope);
  const total = countWhere(ctx, queryWhere(ctx, q, clearance));
  if (total > MAX_PRINT_ROWS) throw tooMany(total);
  return [...iterateItems(ctx, q, clearance)];
}

function tooMany(n: number): AppError {
  return new AppError('VALIDATION_FAILED', `符合条件的记录有 ${n} 条，超过单次打印上限，请按门类、年度缩小范围`);
}

function itemCatalogue(
  ctx: CoreContext,
  clearance: number,
  archive: Archive,
  scope: Parameters<typeof itemsQuery>[0],
  label: string,
  subject: string,
  volumeId: string | null,
): PreparedDoc {
  return itemRows(archive, scopedItems(ctx, clearance, scope), label, subject, volumeId);
}

function itemRows(
  archive: Archive,
  items: ItemRecord[],
  label: string,
  subject: string,
  volumeId: string | null,
): PreparedDoc {
  return {
    spec: itemCatalogueDoc(archive, label, items),
    rows: items.length,
    securityLevel: Math.max(0, ...items.map((i) => i.securityLevel)),
    subject,
    volumeId,
    sheet: { kind: 'items', items },
    scope: label,
  };
}

function volumeDocument(ctx: CoreContext, clearance: number, r: Request, archive: Archive, id: string): PreparedDoc {
  const v = getVolume(ctx, id, clearance);
  if (r.kind === 'item-catalogue')
    return itemCatalogue(ctx, clearance, archive, { volumeId: id }, `案卷：${v.archiveCode}`, v.archiveCode, id);
  const items = [...iterateItems(ctx, itemsQuery({ volumeId: id }), clearance)];
  if (r.kind === 'stamp') return stamps(items, v.archiveCode, id);
  const kind = r.kind as Exclude<PrintKind, 'item-catalogue' | 'volume-catalogue' | 'stamp' | 'box-spine' | 'box-back'>;
  const categoryName = loadScheme(ctx).byId.get(v.categoryId)?.name ?? v.categoryCode;
  const spec =
    kind === 'cover'
      ? coverDoc(archive, v, categoryName, items)
      : kind === 'contents'
        ? contentsDoc(v, items)
        : notesDoc(v, items, r.notes);
  return {
    spec,
    rows: items.length,
    securityLevel: Math.max(v.securityLevel, ...items.map((i) => i.securityLevel)),
    subject: v.archiveCode,
    volumeId: id,
  };
}

/** 盒脊 or 盒底备考表 of one box, the boxes of a class, or every box; they print no record's content. */
function boxDocument(ctx: CoreContext, r: Request): PreparedDoc {
  if (r.categoryCode) categoryOf(ctx, r.categoryCode);
  const boxes = loadBoxes(ctx, r.boxId ? [r.boxId] : undefined, {
    ...(r.categoryCode ? { categoryCode: r.categoryCode } : {}),
    ...(r.year !== undefined ? { year: r.year } : {}),
  });
  if (boxes.length === 0) throw new AppError('VALIDATION_FAILED', '没有可打印的档案盒：所选范围内还没有装盒');
  if (boxes.length > MAX_PRINT_ROWS) throw tooMany(boxes.length);
  const spec = r.kind === 'box-spine' ? boxSpineDoc(boxes) : boxBackDoc(boxes, r.notes);
  const subject = boxes.length === 1 ? boxes[0]!.code : `${boxes.length}盒`;
  return { spec, rows: boxes.length, securityLevel: 0, subject, volumeId: null };
}
