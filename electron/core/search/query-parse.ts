/**
 * Reads the search box: words (ANDed), each optionally limited to a field (`档号:WS·2011`),
 * and filter words (`门类:WS`, `年度:2011-2015`, `期限:Y`, `密级:内部`, `状态:已删除`,
 * `有扫描件`). Anything else is text: quotes, stars, brackets and NEAR are ordinary
 * characters here (separators or letters), never syntax, so no input is an error.
 */
import { RETENTION_LABELS, type Retention, type SecurityLevel } from '../../contract/domain';
import { SEARCH_FIELD_LABELS, type SearchChip, type SearchField, type SearchFilters } from '../../contract/search';
import { normalize, SEP_CHAR } from './normalize';

export interface ParsedWord {
  /** Normalised text (separators collapsed, none at the ends). */
  text: string;
  field: SearchField | null;
  source: string;
}

export interface ParsedQuery {
  words: ParsedWord[];
  filters: SearchFilters;
  chips: SearchChip[];
  /** Problems to tell the user; the search runs with what was understood. */
  notices: string[];
  /** A filter could not be understood: nothing can match it. */
  impossible: boolean;
}

export const MAX_WORDS = 12;
export const MAX_WORD_UNITS = 64;

const FIELD_PREFIXES: Record<string, SearchField> = {
  ...Object.fromEntries(Object.entries(SEARCH_FIELD_LABELS).map(([k, v]) => [v, k as SearchField])),
  身份证号: 'idno',
  公民身份号码: 'idno',
  人名: 'names',
  标题: 'title',
};
const RETENTION_WORDS: Record<string, Retention> = {
  y: 'Y',
  永久: 'Y',
  d30: 'D30',
  '30年': 'D30',
  d10: 'D10',
  '10年': 'D10',
};
const SECURITY_WORDS: Record<string, SecurityLevel> = { 公开: 0, 内部: 1, 秘密: 2 };
const STATUS_WORDS: Record<string, NonNullable<SearchFilters['status']>> = {
  在库: 'active',
  已删除: 'deleted',
  全部: 'all',
};

/** Resolves a 门类 code or name to category ids (with sub-classes); empty when unknown. */
export type CategoryResolver = (codeOrName: string) => { ids: string[]; label: string } | null;

export function parseQuery(q: string, base: SearchFilters, categories: CategoryResolver): ParsedQuery {
  const out: ParsedQuery = { words: [], filters: { ...base }, chips: [], notices: [], impossible: false };
  const raw = q.split(/[\s\u3000]+/).filter(Boolean);
  for (const source of raw) {
    const m = /^([^:：]{1,6})[:：](.*)$/.exec(source);
    const label = m?.[1] ?? '';
    const value = (m?.[2] ?? '').trim();
    if (source === '有扫描件') {
      out.filters.hasScans = true;
      out.chips.push({ kind: 'hasScans', source, label: '有扫描件', field: null });
    } else if (m && filterWord(out, label, value, source, categories)) continue;
    else if (m && FIELD_PREFIXES[label]) addWord(out, value, FIELD_PREFIXES[label], source);
    else addWord(out, source, null, source);
  }
  return out;
}

function addWord(out: ParsedQuery, text: string, field: SearchField | null, source: string): void {
  let norm = normalize(text).text;
  while (norm.startsWith(SEP_CHAR)) norm = norm.slice(1);
  while (norm.endsWith(SEP_CHAR)) norm = norm.slice(0, -1);
  if (!norm) return;
  if (out.words.length >= MAX_WORDS) {
    if (!out.notices.some((n) => n.startsWith('检索词过多'))) out.notices.push(`检索词过多，只用了前 ${MAX_WORDS} 个`);
    return;
  }
  if (norm.length > MAX_WORD_UNITS) {
    norm = norm.slice(0, MAX_WORD_UNITS);
    out.notices.push(`检索词过长，只用了前 ${MAX_WORD_UNITS} 个字`);
  }
  out.words.push({ text: norm, field, source });
  out.chips.push({ kind: 'text', source, label: field ? `${SEARCH_FIELD_LABELS[field]}：${text}` : text, field });
}

/** Applies a `门类:` / `年度:` / `期限:` / `密级:` / `状态:` word; false when the label is not a filter. */
function filterWord(
  out: ParsedQuery,
  label: string,
  value: string,
  source: string,
  categories: CategoryResolver,
): boolean {
  const f = out.filters;
  const bad = (msg: string) => {
    out.notices.push(msg);
    out.impossible = true;
  };
  switch (label) {
    case '门类': {
      const hit = categories(value);
      if (!hit) bad(`没有门类「${value}」`);
      else {
        f.categoryIds = [...new Set([...(f.categoryIds ?? []), ...hit.ids])];
        out.chips.push({ kind: 'category', source, label: `门类：${hit.label}`, field: null });
      }
      return true;
    }
    case '年度': {
      const y = /^(\d{4})(?:\s*[-–~至到]\s*(\d{4}))?$/.exec(value);
      if (!y) bad(`年度「${value}」应为四位年份，例如 2011 或 2011-2015`);
      else {
        const from = Number(y[1]);
        const to = Number(y[2] ?? y[1]);
        f.yearFrom = Math.min(from, to);
        f.yearTo = Math.max(from, to);
        out.chips.push({ kind: 'year', source, label: `年度：${f.yearFrom}–${f.yearTo}`, field: null });
      }
      return true;
    }
    case '期限':
    case '保管期限': {
      const r = RETENTION_WORDS[value.toLowerCase()];
      if (!r) bad(`保管期限「${value}」应为 Y、D30 或 D10`);
      else {
        f.retention = [...new Set([...(f.retention ?? []), r])];
        out.chips.push({ kind: 'retention', source, label: `保管期限：${RETENTION_LABELS[r]}`, field: null });
      }
      return true;
    }
    case '密级': {
      const s = SECURITY_WORDS[value];
      if (s === undefined) bad(`密级「${value}」应为 公开、内部 或 秘密`);
      else {
        f.security = [...new Set([...(f.security ?? []), s])];
        out.chips.push({ kind: 'security', source, label: `密级：${value}`, field: null });
      }
      return true;
    }
    case '状态': {
      const s = STATUS_WORDS[value];
      if (!s) bad(`状态「${value}」应为 在库、已删除 或 全部`);
      else {
        f.status = s;
        out.chips.push({ kind: 'status', source, label: `状态：${value}`, field: null });
      }
      return true;
    }
    default:
      return false;
  }
}
