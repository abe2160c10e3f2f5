import { asc, isNull } from 'drizzle-orm';
import { categories, type CategoryRecord } from '../../../db/schema';
import type { CategoryView } from '../../contract/dto';
import type { FieldDef } from '../../contract/domain';
import { nameInitials } from './initials';
import { type CoreContext, defineService, serviceOf } from '../kernel';

export interface SchemeIndex {
  list: CategoryView[];
  byId: Map<string, CategoryView>;
  /** A category's own id plus every descendant's. */
  subtree(id: string): string[];
}

const cache = defineService({
  name: 'scheme.index',
  create: (): { version: number; index: SchemeIndex | null } => ({ version: -1, index: null }),
});

/** The scheme as views, with full codes and inherited fields resolved; cached per data version. */
export function loadScheme(ctx: CoreContext): SchemeIndex {
  const hit = serviceOf(ctx, cache);
  if (hit.index && hit.version === ctx.dataVersion) return hit.index;
  const rows = ctx.orm
    .select()
    .from(categories)
    .where(isNull(categories.deletedAt))
    .orderBy(asc(categories.sortOrder), asc(categories.code))
    .all();
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const chain = (r: CategoryRecord): CategoryRecord[] => {
    const out: CategoryRecord[] = [];
    for (let c: CategoryRecord | undefined = r; c; c = c.parentId ? rowById.get(c.parentId) : undefined) out.unshift(c);
    return out;
  };
  const list = rows.map((r): CategoryView => {
    const path = chain(r);
    const own = JSON.parse(r.fields) as FieldDef[];
    const effective: FieldDef[] = [];
    for (const c of path)
      for (const f of JSON.parse(c.fields) as FieldDef[])
        if (!effective.some((e) => e.key === f.key)) effective.push(f);
    return {
      id: r.id,
      parentId: r.parentId,
      code: r.code,
      fullCode: path.map((c) => c.code).join('·'),
      name: r.name,
      initials: nameInitials(r.name),
      defaultRetention: r.defaultRetention,
      arrangement: r.arrangement,
      codeTemplate: r.codeTemplate,
      volumeCodeTemplate: r.volumeCodeTemplate,
      fields: own,
      effectiveFields: effective,
      sortOrder: r.sortOrder,
      version: r.version,
    };
  });
  const byId = new Map(list.map((c) => [c.id, c]));
  const children = new Map<string, string[]>();
  for (const c of list) if (c.parentId) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c.id]);
  const subtree = (id: string): string[] => [id, ...(children.get(id) ?? []).flatMap(subtree)];
  const index = { list, byId, subtree };
  Object.assign(hit, { version: ctx.dataVersion, index });
  return index;
}
