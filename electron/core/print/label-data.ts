/**
 * What each label says: its barcode payload (shelving's labelPayload, the one format a
 * stock-take reads back) and the human-readable lines under it, read with the caller's
 * clearance (a volume above it is neither listed nor printed).
 */
import { RETENTION_LABELS } from '../../contract/domain';
import type { MethodParsed } from '../../contract/methods';
import { getVolume, listVolumes } from '../catalogue';
import { AppError, type CoreContext } from '../kernel';
import { loadScheme } from '../scheme';
import { labelPayload, loadPlaceTree, placePath, subtreeIds } from '../shelving';
import { loadBoxes, rangeLabel, rangeText } from './box-data';

export interface LabelContent {
  payload: string;
  /** The big line: 盒号, 档号 or 库位编码. */
  heading: string;
  /** Smaller lines under it (each cut with … when too long, never wrapped off the label). */
  lines: string[];
  /** The payload carries the id, not the code (a code with characters a scanner cannot type). */
  byId: boolean;
}

type Request = MethodParsed<'print.labels'>;

const content = (kind: 'box' | 'volume' | 'place', code: string, id: string, heading: string, lines: string[]) => {
  const payload = labelPayload(kind, code, id);
  return { payload, heading, lines, byId: payload[1] === '#' };
};

export function labelContents(ctx: CoreContext, clearance: number, r: Request): LabelContent[] {
  const out =
    r.kind === 'box' ? boxLabels(ctx, r) : r.kind === 'volume' ? volumeLabels(ctx, clearance, r) : placeLabels(ctx, r);
  if (out.length === 0) throw new AppError('VALIDATION_FAILED', '没有可打印的标签：所选范围内没有记录');
  return out;
}

function boxLabels(ctx: CoreContext, r: Request): LabelContent[] {
  const filter = {
    ...(r.categoryCode ? { categoryCode: r.categoryCode } : {}),
    ...(r.year !== undefined ? { year: r.year } : {}),
  };
  return loadBoxes(ctx, r.ids, filter).map((b) =>
    content('box', b.code, b.id, `第 ${b.boxNo} 盒　${b.code}`, [
      `全宗号 ${b.fondsCode}　年度 ${b.year}　保管期限 ${RETENTION_LABELS[b.retention]}`,
      `${rangeLabel(b)} ${rangeText(b) || '—'}　盒号 ${b.boxNo}`,
    ]),
  );
}

function volumeLabels(ctx: CoreContext, clearance: number, r: Request): LabelContent[] {
  let vols;
  if (r.volumeIds) vols = r.volumeIds.map((id) => getVolume(ctx, id, clearance));
  else {
    const category = r.categoryCode ? loadScheme(ctx).list.find((c) => c.fullCode === r.categoryCode) : undefined;
    if (r.categoryCode && !category) throw new AppError('VALIDATION_FAILED', `门类代码“${r.categoryCode}”不存在`);
    vols = listVolumes(
      ctx,
      { ...(category ? { categoryId: category.id } : {}), ...(r.year !== undefined ? { year: r.year } : {}) },
      clearance,
    );
  }
  return vols.map((v) => content('volume', v.archiveCode, v.id, v.archiveCode, [v.title]));
}

function placeLabels(ctx: CoreContext, r: Request): LabelContent[] {
  const tree = loadPlaceTree(ctx);
  let ids: string[];
  if (r.ids) {
    const missing = r.ids.find((id) => !tree.byId.has(id));
    if (missing) throw new AppError('NOT_FOUND', `找不到库位“${missing}”（不存在或已删除）`);
    ids = r.ids;
  } else if (r.placeId) {
    if (!tree.byId.has(r.placeId)) throw new AppError('NOT_FOUND', `找不到库位“${r.placeId}”（不存在或已删除）`);
    ids = subtreeIds(tree, r.placeId);
  } else ids = (tree.children.get(null) ?? []).flatMap((p) => subtreeIds(tree, p.id));
  return ids.map((id) => {
    const p = tree.byId.get(id)!;
    return content('place', p.code, p.id, p.code, [placePath(tree, id)]);
  });
}
