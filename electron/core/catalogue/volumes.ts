import type { CatalogueScope, CategoryView, VolumeView } from '../../contract/dto';
import type { Retention } from '../../contract/domain';
import type { MethodParsed } from '../../contract/methods';
import { appendAudit } from '../audit';
import { nodeIdOf, recordChange, type Actor, type CoreContext, type Session, AppError, fondsCodeOf } from '../kernel';
import { softDelete } from './soft-delete';
import { loadScheme, formatArchiveCode } from '../scheme';
import { assertCodeFree } from './class';
import { assertClearance } from './items';
import { scopeWhere } from './query';

export interface VolumeRecord {
  id: string;
  version: number;
  category_id: string;
  category_code: string;
  fonds_code: string;
  year: number;
  retention: VolumeView['retention'];
  org_code: string;
  volume_no: number;
  archive_code: string;
  title: string;
  start_date: string;
  end_date: string;
  security_level: VolumeView['securityLevel'];
  remarks: string;
  deleted_at: string | null;
  item_count?: number;
}

export const toView = (r: VolumeRecord): VolumeView => ({
  id: r.id,
  version: r.version,
  categoryId: r.category_id,
  categoryCode: r.category_code,
  fondsCode: r.fonds_code,
  year: r.year,
  retention: r.retention,
  orgCode: r.org_code,
  volumeNo: r.volume_no,
  archiveCode: r.archive_code,
  title: r.title,
  startDate: r.start_date,
  endDate: r.end_date,
  securityLevel: r.security_level,
  remarks: r.remarks,
  itemCount: r.item_count ?? 0,
  deletedAt: r.deleted_at,
});

// The item count only counts what the caller may see: a count must not reveal classified items.
const SELECT = `SELECT v.*, (SELECT count(*) FROM items i WHERE i.volume_id = v.id AND i.deleted_at IS NULL
  AND i.security_level <= ?) item_count FROM volumes v`;

export function loadVolume(ctx: CoreContext, id: string, clearance: number): VolumeRecord {
  const r = ctx.sqlite.prepare(`${SELECT} WHERE v.id = ?`).get(clearance, id) as VolumeRecord | undefined;
  if (!r || r.security_level > clearance || r.deleted_at) throw new AppError('NOT_FOUND', '案卷不存在');
  return r;
}

export function listVolumes(ctx: CoreContext, scope: CatalogueScope, clearance: number): VolumeView[] {
  const { volumeId: _v, ...rest } = scope;
  const w = scopeWhere(ctx, rest, clearance);
  const sql = w.sql.replace(/\b(security_level|deleted_at|category_id|year|retention|org_code)\b/g, 'v.$1');
  return (
    ctx.sqlite
      .prepare(`${SELECT} WHERE ${sql} ORDER BY v.archive_code LIMIT 5000`)
      .all(clearance, ...w.params) as VolumeRecord[]
  ).map(toView);
}

/** A category that volumes may be made in (按卷整理). */
export function volumeCategory(ctx: CoreContext, id: string): CategoryView {
  const category = loadScheme(ctx).byId.get(id);
  if (!category) throw new AppError('NOT_FOUND', '门类不存在');
  if (category.arrangement !== 'volume') {
    throw new AppError('WRONG_ARRANGEMENT', `“${category.name}”按件整理，不能组卷`);
  }
  return category;
}

/** The next 案卷号 in its class and the 档号 it would get. */
export function nextVolumeCode(
  ctx: CoreContext,
  category: CategoryView,
  input: { year: number; retention?: Retention | undefined; orgCode: string },
) {
  const retention = input.retention ?? category.defaultRetention;
  const max = ctx.sqlite
    .prepare(
      'SELECT max(volume_no) m FROM volumes WHERE category_id = ? AND year = ? AND retention = ? AND org_code = ?',
    )
    .get(category.id, input.year, retention, input.orgCode) as { m: number | null };
  const volumeNo = (max.m ?? 0) + 1;
  const fonds = fondsCodeOf(ctx);
  const archiveCode = formatArchiveCode(category.volumeCodeTemplate, {
    fonds,
    category: category.fullCode,
    year: input.year,
    retention,
    org: input.orgCode,
    volume: volumeNo,
  });
  return { retention, volumeNo, archiveCode, fonds };
}

export function getVolume(ctx: CoreContext, id: string, clearance: number): VolumeView {
  return toView(loadVolume(ctx, id, clearance));
}

export function createVolume(
  ctx: CoreContext,
  s: Session,
  input: MethodParsed<'volumes.create'>,
  actor: Actor,
): VolumeView {
  assertClearance(s, input.securityLevel);
  const category = volumeCategory(ctx, input.categoryId);
  const { retention, volumeNo, archiveCode, fonds } = nextVolumeCode(ctx, category, input);
  assertCodeFree(ctx, 'volumes', archiveCode);
  const id = ctx.ids();
  const now = ctx.nowIso();
  ctx.sqlite
    .prepare(
      `INSERT INTO volumes (id, node_id, version, fonds_code, category_id, category_code, year, retention, org_code, volume_no,
        archive_code, title, start_date, end_date, security_level, remarks, created_by, created_at, updated_at)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      nodeIdOf(ctx),
      fonds,
      category.id,
      category.fullCode,
      input.year,
      retention,
      input.orgCode,
      volumeNo,
      archiveCode,
      input.title,
      input.startDate,
      input.endDate,
      input.securityLevel,
      input.remarks,
      s.userId,
      now,
      now,
    );
  recordChange(ctx, 'volume', id, 1, 'insert');
  appendAudit(ctx, actor, {
    action: 'volume.create',
    entity: 'volume',
    entityId: id,
    summary: `新建案卷 ${archiveCode}《${input.title}》`,
  });
  return toView(loadVolume(ctx, id, s.clearance));
}

export function updateVolume(
  ctx: CoreContext,
  s: Session,
  input: MethodParsed<'volumes.update'>,
  actor: Actor,
): VolumeView {
  const cur = loadVolume(ctx, input.id, s.clearance);
  if (cur.version !== input.expectedVersion) throw new AppError('VERSION_CONFLICT');
  assertClearance(s, input.securityLevel);
  ctx.sqlite
    .prepare(
      'UPDATE volumes SET title=?, start_date=?, end_date=?, security_level=?, remarks=?, version=version+1, updated_at=? WHERE id=?',
    )
    .run(input.title, input.startDate, input.endDate, input.securityLevel, input.remarks, ctx.nowIso(), cur.id);
  recordChange(ctx, 'volume', cur.id, cur.version + 1, 'update');
  appendAudit(ctx, actor, {
    action: 'volume.update',
    entity: 'volume',
    entityId: cur.id,
    summary: `修改案卷 ${cur.archive_code}`,
    details: input,
  });
  return toView(loadVolume(ctx, cur.id, s.clearance));
}

export function deleteVolume(ctx: CoreContext, s: Session, id: string, reason: string, actor: Actor): void {
  const cur = loadVolume(ctx, id, s.clearance);
  const inside = ctx.sqlite
    .prepare('SELECT count(*) n FROM items WHERE volume_id = ? AND deleted_at IS NULL')
    .get(id) as { n: number };
  if (inside.n > 0) throw new AppError('CATEGORY_IN_USE', `案卷内还有 ${inside.n} 件，请先删除或移出卷内文件`);
  softDelete(
    ctx,
    { table: 'volumes', entity: 'volume', id, version: cur.version },
    { userId: s.userId, actor },
    reason,
    `删除案卷 ${cur.archive_code}，原因：${reason}`,
  );
}
