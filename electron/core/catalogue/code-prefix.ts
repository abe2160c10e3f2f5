import { type CoreContext, fondsCodeOf } from '../kernel';
import { loadScheme } from '../scheme';

const LEAD = '{fonds}-{category}·';

/**
 * The 档号 prefix every record of a category subtree carries, when the templates make
 * that certain: each starts with `{fonds}-{category}·` (both DA/T 22 and DA/T 13 styles
 * do), and sub-classes extend their parent's code with `·`. Templates and codes cannot
 * change once a category holds records (scheme.save), so the prefix stays true.
 * Returns null when a template is laid out otherwise.
 */
export function categoryCodePrefix(ctx: CoreContext, categoryId: string): string | null {
  const scheme = loadScheme(ctx);
  const root = scheme.byId.get(categoryId);
  if (!root) return null;
  for (const id of scheme.subtree(categoryId)) {
    const c = scheme.byId.get(id)!;
    const volumeOk = c.arrangement !== 'volume' || c.volumeCodeTemplate.startsWith(LEAD);
    const itemOk =
      c.codeTemplate.startsWith(LEAD) || (c.arrangement === 'volume' && c.codeTemplate.startsWith('{volumeCode}'));
    if (!volumeOk || !itemOk) return null;
  }
  return `${fondsCodeOf(ctx)}-${root.fullCode}·`;
}

/** The half-open range of codes starting with `prefix` (U+10FFFF sorts after any character). */
export const prefixRange = (prefix: string): [string, string] => [prefix, prefix + '\u{10FFFF}'];
