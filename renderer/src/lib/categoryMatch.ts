import type { CategoryOption } from '../stores/scheme';

/** Lower case without the separators a code is written with (ZY·HJ·QR = zy.hj.qr = zyhjqr). */
const norm = (s: string): string => s.toLowerCase().replace(/[\s·・.\-_/]/g, '');

/** How well a category answers a normalized query: 0 = not at all; exact beats prefix beats contains. */
function score(o: CategoryOption, q: string): number {
  const { cat } = o;
  const code = norm(cat.fullCode);
  const own = cat.code.toLowerCase();
  const name = cat.name.toLowerCase();
  const ini = cat.initials ?? '';
  if (code === q || own === q || name === q || ini === q) return 4;
  if (code.startsWith(q) || name.startsWith(q) || ini.startsWith(q) || own.startsWith(q)) return 3;
  if (name.includes(q) || ini.includes(q)) return 2;
  if (code.includes(q)) return 1;
  return 0;
}

/**
 * The categories a clerk means by what they typed: the code (ZY·HJ·QR, also without the dots),
 * the name or part of it (迁入) or the name's pinyin initials (qr). Best matches first, tree order
 * otherwise; an empty query keeps every category.
 */
export function matchCategories(options: CategoryOption[], query: string): CategoryOption[] {
  const q = norm(query);
  if (!q) return options;
  return options
    .map((o, i) => ({ o, i, s: score(o, q) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.o);
}
