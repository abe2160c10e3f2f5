import { auditActionLabel, auditEntityLabel } from '../../contract/audit';
import type { AuditEntryView } from '../../contract/dto';
import type { CoreContext } from '../kernel';
import type { AuditRow } from './chain';

/** What an entry's entity is called, and the 密级 that guards it (items, volumes and their pages). */
interface Named {
  name: string | null;
  level: number;
}

type Lookup = (id: string) => Named | undefined;

const HIDDEN_SUMMARY = '（涉及密级高于本人的档案，内容不显示）';

/**
 * Resolves the ids in audit rows to what people know them by (档号, names), once per
 * listing with prepared statements. Records above the viewer's clearance keep their entry
 * in the list but lose everything that would say what they are.
 */
export function auditDescriber(ctx: CoreContext, clearance: number) {
  const get = <T>(sql: string) => {
    const st = ctx.sqlite.prepare(sql);
    return (id: string) => st.get(id) as T | undefined;
  };
  const item = get<{ code: string; level: number }>(
    'SELECT archive_code code, security_level level FROM items WHERE id = ?',
  );
  const volume = get<{ code: string; level: number }>(
    'SELECT archive_code code, security_level level FROM volumes WHERE id = ?',
  );
  const page = get<{
    seq: number;
    file: string;
    icode: string | null;
    ilevel: number | null;
    vcode: string | null;
    vlevel: number | null;
  }>(
    `SELECT p.seq, p.original_name file, i.archive_code icode, i.security_level ilevel,
            v.archive_code vcode, v.security_level vlevel
       FROM pages p LEFT JOIN items i ON i.id = p.item_id LEFT JOIN volumes v ON v.id = p.volume_id
      WHERE p.id = ?`,
  );
  const user = get<{ name: string; username: string }>('SELECT display_name name, username FROM users WHERE id = ?');
  const category = get<{ name: string; code: string }>('SELECT name, code FROM categories WHERE id = ?');
  const template = get<{ name: string }>('SELECT name FROM form_templates WHERE id = ? ORDER BY version DESC');
  const station = get<{ name: string }>('SELECT name FROM sync_stations WHERE station_id = ?');

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
        level: Math.max(r.ilevel ?? 0, r.vlevel ?? 0),
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

  const operator = (r: AuditRow): string => {
    if (r.actor_id) {
      const u = user(r.actor_id);
      if (u) return `${u.name}（${u.username}）`;
    }
    // Work without a user: 'system' or 'system(文字识别)'.
    const sys = /^system(?:\((.+)\))?$/.exec(r.actor_name);
    if (sys) return sys[1] ? `系统（${sys[1]}）` : '系统';
    // A failed login with a user name that does not exist.
    return r.actor_id ? r.actor_name : `${r.actor_name}（无此账号）`;
  };

  return (r: AuditRow): AuditEntryView => {
    const named = r.entity_id ? byEntity[r.entity]?.(r.entity_id) : undefined;
    const hidden = !!named && named.level > clearance;
    return {
      seq: r.seq,
      ts: r.ts,
      actorId: r.actor_id,
      actorName: r.actor_name,
      operator: operator(r),
      action: r.action,
      actionLabel: auditActionLabel(r.action),
      entity: r.entity,
      entityLabel: auditEntityLabel(r.entity),
      entityId: hidden ? null : r.entity_id,
      entityName: hidden ? null : (named?.name ?? null),
      hidden,
      summary: hidden ? HIDDEN_SUMMARY : r.summary,
      details: hidden ? {} : (JSON.parse(r.details) as unknown),
      hash: r.hash,
    };
  };
}
