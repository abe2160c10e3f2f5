/**
 * The index against a plain scan: on a 100,000-item demo archive with page text, every
 * query of a 240-query mix must return exactly the items the reference scan finds
 * (recall and precision 100%), for a full-clearance and a public-only user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../electron/core/demo/generate';
import { loadRange, type ItemSource } from '../../electron/core/search/document';
import { parseQuery } from '../../electron/core/search/query-parse';
import { scanDocOf, scanMatches, type ScanDoc } from '../../electron/core/search/reference-scan';
import { rebuildIndex } from '../../electron/core/search/reindex';
import { categoryResolver, matchAll } from '../../electron/core/search/search';
import { queryMix } from '../helpers/search-queries';
import { makeTestCore, type TestCore } from '../helpers/test-core';
import { sized } from '../helpers/long';

const ITEMS = sized(20_000, 100_000);
let t: TestCore;
let scan: ScanDoc[];
let sample: ItemSource[];

beforeAll(async () => {
  t = await makeTestCore();
  await generateDemo(t.core.ctx, { items: ITEMS, ocrText: true, seed: 7 });
  await rebuildIndex(t.core.ctx);
  const all: ItemSource[] = [];
  for (let after = 0; ;) {
    const r = loadRange(t.core.ctx.sqlite, after, 5000);
    if (!r.items.length) break;
    all.push(...r.items);
    after = r.last;
  }
  scan = all.map(scanDocOf);
  sample = all.filter((_, i) => i % 97 === 0);
}, 300_000);
afterAll(() => t?.close());

describe('search exactness against a plain scan', () => {
  it('has the demo archive with page text to work on', () => {
    expect(scan.length).toBe(ITEMS);
    expect(sample.filter((s) => s.pages.length > 0).length).toBeGreaterThan(sample.length * 0.9);
  });

  // A correctness test over a large archive: its time follows the machine, never asserted.
  it('returns exactly the scan’s items for every query of the mix', { timeout: 300_000 }, () => {
    const mix = queryMix(sample, 240);
    expect(mix.length).toBeGreaterThanOrEqual(200);
    const resolve = categoryResolver(t.core.ctx);
    const ids = t.core.ctx.sqlite.prepare('SELECT doc, item_id FROM search_docs').raw().all() as [number, string][];
    const itemOf = new Map(ids);
    const mismatches: string[] = [];
    let nonEmpty = 0;
    for (const { kind, q } of mix) {
      for (const clearance of [2, 0] as const) {
        const parsed = parseQuery(q, {}, resolve);
        const expected = scanMatches(scan, parsed.words, parsed.filters, clearance).sort();
        const { scored } = matchAll(t.core.ctx, clearance, parsed.words, parsed.filters);
        const got = Array.from(scored.docs, (d) => itemOf.get(d)!).sort();
        if (expected.length) nonEmpty++;
        if (got.length !== expected.length || got.some((g, i) => g !== expected[i]))
          mismatches.push(`${kind} 「${q}」 clearance ${clearance}: index ${got.length}, scan ${expected.length}`);
      }
    }
    expect(mismatches).toEqual([]);
    // The mix is drawn from the data: nearly every query must find something.
    expect(nonEmpty).toBeGreaterThan(mix.length * 2 * 0.9);
  });
});
