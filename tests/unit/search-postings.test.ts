import { describe, expect, it } from 'vitest';
import { PostingsBuilder } from '../../electron/core/search/builder';
import { BlockReader } from '../../electron/core/search/postings';
import { constraintsOf, GRAM4, GRAM6, pairTerm } from '../../electron/core/search/terms';

/** Every (doc, positions) of a term, read back from blocks. */
function readBlocks(blocks: { lastDoc: number; data: Uint8Array }[]) {
  const r = new BlockReader();
  const out: [number, number[]][] = [];
  for (const b of blocks) {
    r.reset(b.data);
    let last = -1;
    while (r.next()) {
      const buf = new Int32Array(r.payloadEnd - r.payloadStart);
      const n = r.decode(buf);
      out.push([r.doc, Array.from(buf.subarray(0, n))]);
      last = r.doc;
    }
    expect(last).toBe(b.lastDoc);
  }
  return out;
}

describe('postings builder', () => {
  it('cuts blocks as postings arrive, each starting with an absolute document, the same postings as one stream', () => {
    // A pseudo-random corpus: term t occurs in document d at a few rising positions.
    const want = new Map<number, [number, number[]][]>();
    const cut = new PostingsBuilder(120);
    const whole = new PostingsBuilder();
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 16) % n;
    for (let doc = 1; doc <= 400; doc++) {
      cut.beginDoc(doc);
      whole.beginDoc(doc);
      for (let pos = 0; pos < 60; pos += 1 + rand(3)) {
        const term = 100 + rand(doc % 50 === 0 ? 3 : 12); // a few documents repeat one term many times
        cut.add(term, pos);
        whole.add(term, pos);
        const list = want.get(term) ?? [];
        if (list.at(-1)?.[0] === doc) list.at(-1)![1].push(pos);
        else list.push([doc, [pos]]);
        want.set(term, list);
      }
      cut.endDoc();
      whole.endDoc();
    }
    const blocks = new Map<number, { lastDoc: number; data: Uint8Array }[]>();
    cut.forEachBlock((term, lastDoc, data) => {
      blocks.set(term, [...(blocks.get(term) ?? []), { lastDoc, data: data.slice() }]);
    });
    expect([...blocks.keys()]).toEqual([...want.keys()].sort((a, b) => a - b));
    let many = 0;
    for (const [term, list] of blocks) {
      expect(readBlocks(list)).toEqual(want.get(term));
      // Over the size only when the block holds a single posting.
      for (const b of list) if (b.data.length > 120) expect(readBlocks([b])).toHaveLength(1);
      many += list.length > 1 ? 1 : 0;
    }
    expect(many).toBeGreaterThan(5);
    whole.forEachTerm((term, stream) => {
      const r = new BlockReader();
      r.reset(stream);
      let n = 0;
      while (r.next()) n++;
      expect(n).toBe(want.get(term)!.length);
    });
  });
});

describe('query constraints', () => {
  const c = (q: string) => constraintsOf(q).map((x) => [x.term, x.offset]);
  const pair = (s: string) => pairTerm(s.charCodeAt(0), s.charCodeAt(1));

  it('keeps only the pairs that pin every character', () => {
    expect(c('材料存档备查')).toEqual([
      [pair('材料'), 0],
      [pair('存档'), 2],
      [pair('备查'), 4],
    ]);
    expect(c('城关派')).toEqual([
      [pair('城关'), 0],
      [pair('关派'), 1],
    ]);
  });

  it('finds six digits as one term and longer numbers as few', () => {
    expect(c('330523')).toEqual([[GRAM6 + 330523, 0]]);
    const id = c('33052319741206129x');
    // The last six digits before the X start at 11; the X joins a 4-gram.
    expect(id.map(([, o]) => o)).toEqual([0, 6, 11, 14]);
    expect(id.slice(0, 3).map(([t]) => t)).toEqual([GRAM6 + 330523, GRAM6 + 197412, GRAM6 + 206129]);
    expect(id[3]![0]).toBeGreaterThanOrEqual(GRAM4);
  });
});
