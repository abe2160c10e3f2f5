import { and, count, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { auditLog } from '../../../db/schema';
import { verifyAuditChain } from './chain';
import { auditDescriber } from './describe';
import { sessionOf, type Handlers } from '../kernel';

export const auditHandlers = {
  'audit.list': (env, f) => {
    const { ctx } = env;
    // Filters match only what every viewer sees of an entry (operator, action code, entity
    // kind, time), never its summary or details: text hidden above the caller's 密级 cannot
    // be searched for, and a filter counts hidden entries exactly as it lists them.
    const parts: SQL[] = [];
    if (f.actor) parts.push(sql`instr(${auditLog.actorName}, ${f.actor}) > 0`);
    if (f.action) parts.push(eq(auditLog.action, f.action));
    if (f.entity) parts.push(eq(auditLog.entity, f.entity));
    if (f.from) parts.push(gte(auditLog.ts, f.from));
    // A bare date as the upper bound means "through the end of that day".
    if (f.to) parts.push(lte(auditLog.ts, f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to));
    const where = parts.length ? and(...parts) : undefined;
    const total = ctx.orm.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
    const rows = ctx.orm
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.seq))
      .limit(f.limit)
      .offset(f.offset)
      .all();
    return {
      total,
      offset: f.offset,
      rows: rows.map(auditDescriber(ctx, sessionOf(env).clearance)),
    };
  },
  'audit.verify': ({ ctx }) => verifyAuditChain(ctx),
} satisfies Partial<Handlers>;
