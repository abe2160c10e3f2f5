/**
 * 档号 templates. A template is text with tokens and optional groups:
 *   {fonds} {category} {year} {retention} {org} {volumeCode} {item:N} {volume:N}
 *   [ … ]  an optional group, dropped when any token inside it is empty
 * DA/T 22-2015:   {fonds}-{category}·{year}-{retention}[-{org}]-{item:4}   → J001-WS·2011-Y-BGS-0001
 * DA/T 13-2022:   {fonds}-{category}·{year}·{retention}[·{org}]-{item:3}   → J001-WS·2011·Y·BGS-001
 * Segments are stored in their own columns; the string is always generated from them.
 */
import { AppError } from '../kernel';

export const DAT22_ITEM_TEMPLATE = '{fonds}-{category}·{year}-{retention}[-{org}]-{item:4}';
export const DAT13_ITEM_TEMPLATE = '{fonds}-{category}·{year}·{retention}[·{org}]-{item:3}';
export const VOLUME_TEMPLATE = '{fonds}-{category}·{year}-{retention}[-{org}]-{volume:3}';
export const ITEM_IN_VOLUME_TEMPLATE = '{volumeCode}-{item:3}';

export interface CodeSegments {
  fonds: string;
  category: string;
  year: number;
  retention: string;
  org: string;
  item?: number;
  volume?: number;
  volumeCode?: string;
}

type Part =
  { kind: 'text'; text: string } | { kind: 'token'; name: string; width: number } | { kind: 'group'; parts: Part[] };

const TOKENS = new Set(['fonds', 'category', 'year', 'retention', 'org', 'item', 'volume', 'volumeCode']);

function parse(template: string): Part[] {
  const root: Part[] = [];
  const stack: Part[][] = [root];
  let text = '';
  const flush = () => {
    if (text) stack[stack.length - 1]!.push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === '{') {
      const end = template.indexOf('}', i);
      if (end < 0) throw bad(template, '花括号未闭合');
      const [name = '', w] = template.slice(i + 1, end).split(':');
      if (!TOKENS.has(name)) throw bad(template, `未知的字段 {${name}}`);
      flush();
      stack[stack.length - 1]!.push({ kind: 'token', name, width: w ? Number(w) : 0 });
      i = end;
    } else if (c === '[') {
      flush();
      const group: Part = { kind: 'group', parts: [] };
      stack[stack.length - 1]!.push(group);
      stack.push(group.parts);
    } else if (c === ']') {
      flush();
      if (stack.length === 1) throw bad(template, '方括号不匹配');
      stack.pop();
    } else text += c;
  }
  flush();
  if (stack.length !== 1) throw bad(template, '方括号未闭合');
  return root;
}

const bad = (template: string, why: string) =>
  new AppError('INVALID_ARCHIVE_TEMPLATE', `档号模板“${template}”无效：${why}`);

const cache = new Map<string, Part[]>();
const parsed = (t: string): Part[] => {
  let p = cache.get(t);
  if (!p) cache.set(t, (p = parse(t)));
  return p;
};

function tokenValue(name: string, width: number, s: CodeSegments): string {
  const raw = (s as unknown as Record<string, string | number | undefined>)[name];
  if (raw === undefined || raw === null || raw === '') return '';
  return typeof raw === 'number' && width > 0 ? String(raw).padStart(width, '0') : String(raw);
}

function render(parts: Part[], s: CodeSegments): { text: string; empty: boolean } {
  let text = '';
  let empty = false;
  for (const p of parts) {
    if (p.kind === 'text') text += p.text;
    else if (p.kind === 'token') {
      const v = tokenValue(p.name, p.width, s);
      if (!v) empty = true;
      text += v;
    } else {
      const g = render(p.parts, s);
      if (!g.empty) text += g.text;
    }
  }
  return { text, empty };
}

export function formatArchiveCode(template: string, s: CodeSegments): string {
  return render(parsed(template), s).text;
}

const tokensOf = (parts: Part[]): string[] =>
  parts.flatMap((p) => (p.kind === 'token' ? [p.name] : p.kind === 'group' ? tokensOf(p.parts) : []));

/** Checks a template before it is saved: it must parse and contain its sequence number. */
export function validateTemplate(template: string, kind: 'item' | 'volume' | 'itemInVolume'): void {
  const names = tokensOf(parse(template));
  const need = kind === 'volume' ? 'volume' : 'item';
  if (!names.includes(need)) throw bad(template, `缺少 {${need}:N}`);
  if (kind === 'itemInVolume' && !names.includes('volumeCode') && !names.includes('volume')) {
    throw bad(template, '卷内件的档号须包含 {volumeCode} 或 {volume:N}');
  }
}
