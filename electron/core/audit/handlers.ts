import { sessionOf, type Handlers } from '../kernel';
import { verifyAuditChain, type AuditRow } from './chain';
import { auditDescriber } from './describe';

export const auditHandlers = {
  'audit.list': (env, f) => {
    const { ctx } = env;
    const parts: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      parts.push(sql);
      params.push(v);
    };
    if (f.actor) add('instr(actor_name, ?) > 0', f.actor);
    if (f.action) add('action = ?', f.action);
    if (f.entity) add('entity = ?', f.entity);
    if (f.from) add('ts >= ?', f.from);
    // A bare date as the upper bound means "through the end of that day".
    if (f.to) add('ts <= ?', f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to);
    const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
    const total = (ctx.sqlite.prepare(`SELECT count(*) n FROM audit_log ${where}`).get(...params) as { n: number }).n;
    const rows = ctx.sqlite
      .prepare(`SELECT * FROM audit_log ${where} ORDER BY seq DESC LIMIT ? OFFSET ?`)
      .all(...params, f.limit, f.offset) as AuditRow[];
    return {
      total,
      offset: f.offset,
      rows: rows.map(auditDescriber(ctx, sessionOf(env).clearance)),
    };
  },
  'audit.verify': ({ ctx }) => verifyAuditChain(ctx),
} satisfies Partial<Handlers>;
