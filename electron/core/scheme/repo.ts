import type { CategoryView } from '../../contract/dto';
import type { Arrangement, FieldDef, Retention } from '../../contract/domain';
import { type CoreContext, defineService, serviceOf } from '../kernel';
import { nameInitials } from './initials';

interface CategoryRow {
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  default_retention: Retention;
  arrangement: Arrangement;
  code_template: string;
  volume_code_template: string;
  fields: string;
  sort_order: number;
  version: number;
}

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
  const rows = ctx.sqlite
    .prepare('SELECT * FROM categories WHERE deleted_at IS NULL ORDER BY sort_order, code')
    .all() as CategoryRow[];
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const chain = (r: CategoryRow): CategoryRow[] => {
    const out: CategoryRow[] = [];
    for (let c: CategoryRow | undefined = r; c; c = c.parent_id ? rowById.get(c.parent_id) : undefined) out.unshift(c);
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
      parentId: r.parent_id,
      code: r.code,
      fullCode: path.map((c) => c.code).join('·'),
      name: r.name,
      initials: nameInitials(r.name),
      defaultRetention: r.default_retention,
      arrangement: r.arrangement,
      codeTemplate: r.code_template,
      volumeCodeTemplate: r.volume_code_template,
      fields: own,
      effectiveFields: effective,
      sortOrder: r.sort_order,
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
