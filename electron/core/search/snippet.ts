/**
 * Snippets: the part of a field around the first match of any query word, as pieces
 * marked hit or not (the UI renders them as text, so nothing in a record is ever HTML).
 */
import type { SnippetPart } from '../../contract/search';
import { normalize } from './normalize';

const CONTEXT = 24;
const SHORT_FIELD = 80;

export function snippetOf(text: string, words: string[]): SnippetPart[] {
  const { text: norm, from } = normalize(text, true);
  const hits: [number, number][] = [];
  for (const w of words) {
    for (let at = norm.indexOf(w); at >= 0; at = norm.indexOf(w, at + 1)) hits.push([from[at]!, from[at + w.length]!]);
  }
  if (hits.length === 0)
    return [{ text: text.length > SHORT_FIELD ? text.slice(0, SHORT_FIELD) + '…' : text, hit: false }];
  hits.sort((a, b) => a[0] - b[0]);
  const first = hits[0]![0];
  const start = text.length <= SHORT_FIELD ? 0 : Math.max(0, first - CONTEXT);
  const end = text.length <= SHORT_FIELD ? text.length : Math.min(text.length, start + 2 * CONTEXT + 40);
  const parts: SnippetPart[] = [];
  let at = start;
  const push = (s: string, hit: boolean) => {
    if (!s) return;
    const last = parts[parts.length - 1];
    if (last && last.hit === hit) last.text += s;
    else parts.push({ text: s, hit });
  };
  if (start > 0) push('…', false);
  for (const [a, b] of hits) {
    if (b <= at || a >= end) continue;
    push(text.slice(at, Math.max(at, a)), false);
    push(text.slice(Math.max(at, a), Math.min(b, end)), true);
    at = Math.min(b, end);
  }
  push(text.slice(at, end).replace(/\s+/g, ' '), false);
  if (end < text.length) push('…', false);
  return parts;
}
