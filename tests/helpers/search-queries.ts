/**
 * A realistic mix of counter queries drawn from the archive itself: names of one to three
 * characters, ID number fragments, phrases from page text, Chinese mixed with digits,
 * traditional forms, full-width digits, pinyin, field prefixes and several words.
 */
import * as OpenCC from 'opencc-js/cn2t';
import { Rng } from '../../electron/core/demo/rng';
import type { ItemSource } from '../../electron/core/search/document';
import { pinyinOf } from '../../electron/core/search/pinyin';

export interface MixQuery {
  kind: string;
  q: string;
}

const toTraditional = (OpenCC as unknown as { Converter(o: object): (s: string) => string }).Converter({
  from: 'cn',
  to: 't',
});
const FULL_WIDTH = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const HAN = /^[\u4e00-\u9fa5]+$/;

/** Picks `n` queries from the sampled items (deterministic for a seed). */
export function queryMix(items: ItemSource[], n: number, seed = 'queries'): MixQuery[] {
  const rng = new Rng(seed);
  const persons = items.flatMap((i) => i.persons);
  const named = persons.filter((p) => HAN.test(p.name));
  const ids = persons.map((p) => p.idNumber).filter((x): x is string => !!x);
  const texts = items.map((i) => i.pages.join('\n')).filter((t) => t.length > 20);
  const slice = (t: string, len: number) => {
    const at = rng.int(Math.max(1, t.length - len));
    return t.slice(at, at + len);
  };
  const mixed = () => {
    for (let k = 0; k < 20; k++) {
      const t = rng.pick(texts);
      const m = [...t.matchAll(/[\u4e00-\u9fa5]{1,3}\d{1,4}[\u4e00-\u9fa5]?/g)];
      if (m.length) return rng.pick(m)[0];
    }
    return '北港路12号';
  };
  const makers: [string, number, () => string][] = [
    ['name2', 18, () => rng.pick(named.filter((p) => p.name.length === 2)).name],
    ['name3', 12, () => rng.pick(named.filter((p) => p.name.length === 3)).name],
    ['name1', 4, () => rng.pick(named).name.slice(0, 1)],
    ['given', 4, () => rng.pick(named).name.slice(-2)],
    ['idLast4', 8, () => rng.pick(ids).slice(-4)],
    ['idLast6', 5, () => rng.pick(ids).slice(-6)],
    ['idFirst6', 3, () => rng.pick(ids).slice(0, 6)],
    ['idFull', 4, () => rng.pick(ids)],
    ['idLowerX', 2, () => (ids.find((x) => x.endsWith('X')) ?? rng.pick(ids)).toLowerCase().slice(-6)],
    ['phrase', 12, () => slice(rng.pick(texts), 3 + rng.int(6))],
    ['mixed', 8, mixed],
    ['traditional', 6, () => toTraditional(slice(rng.pick(texts), 4))],
    ['fullwidth', 3, () => FULL_WIDTH(rng.pick(ids).slice(-4))],
    ['pinyin', 5, () => pinyinOf(rng.pick(named).name).split(' ')[0] ?? 'wangfang'],
    [
      'initials',
      2,
      () =>
        pinyinOf(rng.pick(named.filter((p) => p.name.length === 3)).name)
          .split(' ')
          .pop() ?? 'wf',
    ],
    ['prefixed', 4, () => `身份证:${rng.pick(ids).slice(-4)}`],
    ['code', 3, () => `档号:${rng.pick(items).archiveCode.split('-').slice(1, 2).join('')}`],
    ['twoWords', 6, () => `${rng.pick(named).name} ${slice(rng.pick(texts), 2)}`],
  ];
  const total = makers.reduce((s, m) => s + m[1], 0);
  const out: MixQuery[] = [];
  for (const [kind, weight, make] of makers) {
    const count = Math.max(1, Math.round((weight / total) * n));
    for (let i = 0; i < count; i++) out.push({ kind, q: make() });
  }
  return out.slice(0, Math.max(n, out.length));
}
