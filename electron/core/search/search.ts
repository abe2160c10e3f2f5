/** One search: parse, match every word, keep what the user may see, rank, page, snippet. */
import type { Retention, SecurityLevel } from '../../contract/domain';
import type { MethodParsed } from '../../contract/methods';
import { SEARCH_FIELDS, type SearchFilters, type SearchHit, type SearchResult } from '../../contract/search';
import { searchDocs } from '../../../db/schema';
import { colSql, type CoreContext, type Session, getMeta, defineService, serviceOf, tableSql } from '../kernel';
import { loadScheme } from '../scheme';
import { BlockSource } from './cursor';
import { docsTable, retentionIndex, type DocsTable } from './docs-table';
import { fieldsOf, loadItems, type ItemSource } from './document';
import { evaluateWord, type DocFilter, type WordMatches } from './evaluate';
import { parseQuery, type CategoryResolver, type ParsedWord } from './query-parse';
import { FIELD_WEIGHTS, intersect, pickPage, type Scored } from './rank';
import { itemIdsUnder } from '../shelving';
import { snippetOf } from './snippet';
import { cachedBitmap, cachedMatches } from './match-cache';
import { indexState } from './state';
import {
  loadStationSources,
  stationCategoryName,
  stationFacets,
  stationHitFields,
  stationNamesOf,
} from './station-hits';
import { constraintsOf, fieldIndex } from './terms';

// Raw on purpose: maps a result page's doc numbers to items on the search hot path (.raw() tuples).

type SearchRequest = MethodParsed<'search.query'>;

const sources = defineService({ name: 'search.blockSource', create: (ctx) => new BlockSource(ctx.sqlite) });
const blockSource = (ctx: CoreContext) => serviceOf(ctx, sources);

export function categoryResolver(ctx: CoreContext): CategoryResolver {
  const { list } = loadScheme(ctx);
  return (value) => {
    const v = value.trim().toUpperCase();
    const root = list.find(
      (c) => c.fullCode.toUpperCase() === v || c.code.toUpperCase() === v || c.name === value.trim(),
    );
    if (!root) return null;
    const ids = list.filter((c) => c.id === root.id || c.fullCode.startsWith(root.fullCode + '·')).map((c) => c.id);
    return { ids, label: `${root.name}（${root.fullCode}）` };
  };
}

function filterOf(table: DocsTable, f: SearchFilters, clearance: SecurityLevel): (doc: number) => boolean {
  const cats = f.categoryIds ? new Set(f.categoryIds.map((id) => table.categories.get(id) ?? -1)) : null;
  const rets = f.retention ? new Set(f.retention.map((r: Retention) => retentionIndex(r))) : null;
  const secs = f.security ? new Set<number>(f.security) : null;
  const stations = f.stationIds ? new Set(f.stationIds.map((id) => table.stations.get(id) ?? -1)) : null;
  const status = f.status ?? 'active';
  const yFrom = f.yearFrom ?? 0;
  const yTo = f.yearTo ?? 9999;
  const { live, security, category, year, retention, scans } = table;
  return (d) =>
    live[d] === 1 &&
    security[d]! <= clearance &&
    (status === 'all' || table.status[d] === (status === 'deleted' ? 1 : 0)) &&
    (!secs || secs.has(security[d]!)) &&
    (!cats || cats.has(category[d]!)) &&
    year[d]! >= yFrom &&
    year[d]! <= yTo &&
    (!rets || rets.has(retention[d]!)) &&
    (!f.hasScans || scans[d] === 1) &&
    (!stations || stations.has(table.station[d]!));
}

/**
 * Every document the words match for this session and these filters (no paging), or
 * null when the index cannot answer or the filters can never match. Used by search
 * itself, the exactness test and the benchmark.
 */
export function matchAll(ctx: CoreContext, clearance: SecurityLevel, words: ParsedWord[], filters: SearchFilters) {
  const table = docsTable(ctx);
  const filterKey = JSON.stringify([clearance, filters]);
  const key = JSON.stringify([filterKey, words.map((w) => [w.text, w.field ?? ''])]);
  const scored = cachedMatches(ctx, table, key, () => {
    const visible = cachedBitmap(ctx, table, filterKey, filterOf(table, filters, clearance));
    let accept: DocFilter = visible;
    const src = blockSource(ctx);
    // Longest words first (most constrained); each later word only looks at what is left.
    const order = [...words].sort((a, b) => b.text.length - a.text.length);
    const results: WordMatches[] = [];
    for (const w of order) {
      const m = evaluateWord(src, wordQuery(w), accept, table.maxDoc);
      results.push(m);
      if (m.docs.length === 0) break;
      const inSet = new Uint8Array(table.maxDoc + 1);
      for (const d of m.docs) inSet[d] = 1; // matches are visible already
      accept = inSet;
    }
    return intersect(results);
  });
  return { table, scored };
}

export function runSearch(ctx: CoreContext, session: Session, req: SearchRequest): SearchResult {
  const started = performance.now();
  const bureau = getMeta(ctx, 'node_role') === 'bureau';
  // A station holds no other station's records: the station filter means nothing there.
  const filters = bureau ? req.filters : { ...req.filters, stationIds: undefined };
  const parsed = parseQuery(req.q, filters, categoryResolver(ctx));
  const done = (partial: Partial<SearchResult>): SearchResult => ({
    total: 0,
    offset: req.offset,
    hits: [],
    chips: parsed.chips,
    filters: parsed.filters,
    notice: parsed.notices.join('；') || null,
    ...partial,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  });
  const state = indexState(ctx);
  if (state.state !== 'ready') return done({ notice: `检索索引正在重建（${state.done}/${state.total}），请稍后再试` });
  if (parsed.words.length === 0) return done({ notice: parsed.notices.join('；') || '请输入检索词' });
  if (parsed.impossible) return done({});
  const { placeId, ...rest } = parsed.filters;
  const { table, scored: all } = matchAll(ctx, session.clearance, parsed.words, rest);
  // The place narrows after matching: shelving changes do not touch the index or its caches.
  const scored = placeId ? keepDocs(all, docsOfItems(ctx, itemIdsUnder(ctx, placeId))) : all;
  const page = pickPage(scored, table, req.sort, req.offset, req.limit);
  const hits = hitsFor(
    ctx,
    page.map((i) => ({ doc: scored.docs[i]!, score: scored.scores[i]!, mask: scored.masks[i]! })),
    parsed.words.map((w) => w.text),
  );
  if (!bureau) return done({ total: scored.docs.length, hits });
  // Facet counts ignore the station filter itself, so the other stations stay visible as choices.
  const unfiltered = parsed.filters.stationIds
    ? matchAll(ctx, session.clearance, parsed.words, { ...rest, stationIds: undefined }).scored
    : scored;
  return done({ total: scored.docs.length, hits, facets: { stations: stationFacets(ctx, table, unfiltered.docs) } });
}

/** The search documents of some items (any version; matching keeps only live ones). */
function docsOfItems(ctx: CoreContext, ids: Set<string>): Set<number> {
  const docs = ctx.sqlite
    .prepare(
      `SELECT ${colSql(searchDocs.doc)} FROM ${tableSql(searchDocs)} WHERE ${colSql(searchDocs.itemId)} IN (SELECT value FROM json_each(?))`,
    )
    .pluck()
    .all(JSON.stringify([...ids])) as number[];
  return new Set(docs);
}

function keepDocs(s: Scored, keep: Set<number>): Scored {
  const idx: number[] = [];
  for (let i = 0; i < s.docs.length; i++) if (keep.has(s.docs[i]!)) idx.push(i);
  return {
    docs: Int32Array.from(idx, (i) => s.docs[i]!),
    scores: Float64Array.from(idx, (i) => s.scores[i]!),
    masks: Uint16Array.from(idx, (i) => s.masks[i]!),
  };
}

/** The names field also holds pinyin for matching; show the names unless only the pinyin matched. */
function snippetFor(src: ItemSource, field: number, words: string[]) {
  const text = fieldsOf(src)[field] ?? '';
  if (SEARCH_FIELDS[field] === 'names') {
    const names = snippetOf(
      text
        .split('\n')
        .filter((l) => !/^[a-z ]+$/.test(l))
        .join('、'),
      words,
    );
    if (names.some((p) => p.hit)) return names;
  }
  // A field of several values (ID numbers, category fields) shows them in one line.
  return snippetOf(SEARCH_FIELDS[field] === 'fulltext' ? text : text.replace(/\n/g, '；'), words);
}

const wordQuery = (w: ParsedWord) => ({
  constraints: constraintsOf(w.text),
  field: w.field ? fieldIndex(w.field) : -1,
});

type DocRecord = typeof searchDocs.$inferSelect;

function hitsFor(ctx: CoreContext, page: { doc: number; score: number; mask: number }[], words: string[]): SearchHit[] {
  if (page.length === 0) return [];
  // Raw on purpose: the page's documents by number in one statement, on every search (.raw() tuples).
  const { doc: d, itemId } = searchDocs;
  const itemOf = new Map(
    ctx.sqlite
      .prepare(
        `SELECT ${colSql(d)}, ${colSql(itemId)} FROM ${tableSql(searchDocs)} WHERE ${colSql(d)} IN (${page.map(() => '?').join(',')})`,
      )
      .raw()
      .all(...page.map((p) => p.doc)) as [DocRecord['doc'], DocRecord['itemId']][],
  );
  const keys = [...itemOf.values()];
  const sources = new Map([...loadItems(ctx.sqlite, keys), ...loadStationSources(ctx, keys)].map((s) => [s.id, s]));
  const names = new Map(loadScheme(ctx).list.map((c) => [c.id, c.name]));
  const stationNames = stationNamesOf(ctx);
  return page.flatMap(({ doc, score, mask }) => {
    const src = sources.get(itemOf.get(doc) ?? '');
    if (!src) return [];
    // The snippet comes from the best field the words matched in.
    let best = SEARCH_FIELDS.length - 1;
    for (let f = 0; f < SEARCH_FIELDS.length; f++)
      if (mask & (1 << f) && FIELD_WEIGHTS[f]! > FIELD_WEIGHTS[best]!) best = f;
    return [
      {
        id: src.id,
        archiveCode: src.archiveCode,
        title: src.title,
        categoryId: src.categoryId,
        categoryName: names.get(src.categoryId) ?? stationCategoryName(ctx, src.categoryId),
        year: src.year,
        date: src.date,
        retention: src.retention as Retention,
        securityLevel: src.securityLevel as SecurityLevel,
        personNames: src.personNames,
        deleted: src.deleted,
        field: SEARCH_FIELDS[best]!,
        snippet: snippetFor(src, best, words),
        score,
        ...(src.stationId ? stationHitFields(src, stationNames) : {}),
      },
    ];
  });
}
