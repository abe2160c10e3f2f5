import { desc, eq, sql } from 'drizzle-orm';
import {
  categories,
  formTemplates,
  items,
  pages,
  syncStations,
  users,
  volumes,
  type AuditRecord,
} from '../../../db/schema';
import { auditActionLabel, auditEntityLabel } from '../../contract/audit';
import type { AuditEntryView } from '../../contract/dto';
import { SECURITY_LEVELS } from '../../contract/domain';
import { itemLevelSql, ownerLevelSql, type CoreContext } from '../kernel';
import { entryLevels } from './entry-level';

/** What an entry's entity is called, and the 密级 that guards it (kernel/security-level.ts). */
interface Named {
  name: string | null;
  level: number;
}

type Lookup = (id: string) => Named | undefined;

const HIDDEN_SUMMARY = '（涉及密级高于本人的档案，内容不显示）';
const TOP_LEVEL = Math.max(...SECURITY_LEVELS);

/**
 * Resolves the ids in audit rows to what people know them by (档号, names), once per
 * listing with prepared queries. Records above the viewer's clearance keep their entry
 * in the list (action, time, operator, entity kind) but lose everything that would say
 * what they are: summary, details, id and name. An entry's level is the highest of its
 * entity's current 密级 and everything its details carry or point at (entry-level.ts).
 * The rule is the same for every role: the 审计员 reads the log with their own clearance,
 * as every other user does (an auditor who must read 秘密 entries is given 秘密 clearance).
 */
export function auditDescriber(ctx: CoreContext, clearance: number) {
  // Each lookup is prepared once per listing and run per row with the id as its placeholder.
  const byId = sql.placeholder('id');
  const get =
    <T>(q: { get(p: { id: string }): T | undefined }) =>
    (id: string) =>
      q.get({ id });
  const item = get(
    ctx.orm.select({ code: items.archiveCode, level: itemLevelSql() }).from(items).where(eq(items.id, byId)).prepare(),
  );
  const volume = get(
    ctx.orm
      .select({ code: volumes.archiveCode, level: volumes.securityLevel })
      .from(volumes)
      .where(eq(volumes.id, byId))
      .prepare(),
  );
  const page = get(
    ctx.orm
      .select({
        seq: pages.seq,
        file: pages.originalName,
        icode: items.archiveCode,
        vcode: volumes.archiveCode,
        level: ownerLevelSql(),
      })
      .from(pages)
      .leftJoin(items, eq(items.id, pages.itemId))
      .leftJoin(volumes, eq(volumes.id, pages.volumeId))
      .where(eq(pages.id, byId))
      .prepare(),
  );
  const user = get(
    ctx.orm
      .select({ name: users.displayName, username: users.username })
      .from(users)
      .where(eq(users.id, byId))
      .prepare(),
  );
  const category = get(
    ctx.orm
      .select({ name: categories.name, code: categories.code })
      .from(categories)
      .where(eq(categories.id, byId))
      .prepare(),
  );
  const template = get(
    ctx.orm
      .select({ name: formTemplates.name })
      .from(formTemplates)
      .where(eq(formTemplates.id, byId))
      .orderBy(desc(formTemplates.version))
      .prepare(),
  );
  const station = get(
    ctx.orm.select({ name: syncStations.name }).from(syncStations).where(eq(syncStations.stationId, byId)).prepare(),
  );

  const byEntity: Record<string, Lookup> = {
    item: (id) => {
      const r = item(id);
      return r && { name: r.code, level: r.level };
    },
    volume: (id) => {
      const r = volume(id);
      return r && { name: r.code, level: r.level };
    },
    page: (id) => {
      const r = page(id);
      if (!r) return undefined;
      const code = r.icode ?? r.vcode;
      return {
        name: code ? `${code} 第 ${r.seq} 页` : `待挂接页面 ${r.file}`,
        level: Number(r.level),
      };
    },
    user: (id) => {
      const r = user(id);
      return r && { name: `${r.name}（${r.username}）`, level: 0 };
    },
    category: (id) => {
      const r = category(id);
      return r && { name: `${r.name}（${r.code}）`, level: 0 };
    },
    form_template: (id) => {
      const r = template(id);
      return r && { name: r.name, level: 0 };
    },
    // Station ids are the 派出所编号 people use; the name says which station it is.
    sync_station: (id) => ({ name: `${station(id)?.name ?? ''} ${id}`.trim(), level: 0 }),
    sync_trust: (id) => ({ name: `${station(id)?.name ?? ''} ${id}`.trim(), level: 0 }),
    sync: (id) => ({ name: `${station(id)?.name ?? ''} ${id}`.trim(), level: 0 }),
  };

  const operator = (r: AuditRecord): string => {
    if (r.actorId) {
      const u = user(r.actorId);
      if (u) return `${u.name}（${u.username}）`;
    }
    // Work without a user: 'system' or 'system(文字识别)'.
    const sys = /^system(?:\((.+)\))?$/.exec(r.actorName);
    if (sys) return sys[1] ? `系统（${sys[1]}）` : '系统';
    // A failed login with a user name that does not exist.
    return r.actorId ? r.actorName : `${r.actorName}（无此账号）`;
  };

  const levels = entryLevels(ctx);
  return (r: AuditRecord): AuditEntryView => {
    const named = r.entityId ? byEntity[r.entity]?.(r.entityId) : undefined;
    const details = JSON.parse(r.details) as unknown;
    // A viewer cleared for the top level sees everything: no need to walk the details.
    const hidden =
      clearance < TOP_LEVEL &&
      Math.max(named?.level ?? 0, levels.ofEntity(r.entity, r.entityId), levels.ofDetails(details)) > clearance;
    return {
      seq: r.seq,
      ts: r.ts,
      actorId: r.actorId,
      actorName: r.actorName,
      operator: operator(r),
      action: r.action,
      actionLabel: auditActionLabel(r.action),
      entity: r.entity,
      entityLabel: auditEntityLabel(r.entity),
      entityId: hidden ? null : r.entityId,
      entityName: hidden ? null : (named?.name ?? null),
      hidden,
      summary: hidden ? HIDDEN_SUMMARY : r.summary,
      details: hidden ? {} : details,
      // The hash covers the content: hidden, it would let a guess be confirmed offline.
      hash: hidden ? null : r.hash,
    };
  };
}
