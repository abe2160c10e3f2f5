/**
 * OCR-like page text for demo items (`dangan demo --ocr-text`), for the full-text search
 * benchmark. Each item gets 1–3 pages that together hold 200–800 characters, uniformly
 * spread: the form's head and sign-off (page-forms.ts) around sentences picked from the
 * category's phrase lists. Text is built by concatenating prepared strings only, since a
 * million items have to keep up with the writer.
 *
 * Choices come from an Rng of their own, so turning the option on leaves the catalogue
 * (titles, persons, 档号) exactly as it is without it.
 */
import type { CategoryView } from '../../contract/dto';
import { cn, type Draft } from './draft';
import { formFor, type Form, type Sheet } from './page-forms';
import type { People } from './people';
import { Rng } from './rng';
import { BUREAU, COUNTY, ROADS, TOWNS, VILLAGES } from './vocab';
import * as P from './page-vocab';

export const MIN_CHARS = 200;
export const MAX_CHARS = 800;

/** Builds one item's pages; the category's form is resolved once (byCategory). */
export type PageBuilder = (d: Draft, persons: number[], day: number) => string[];

/** ASCII letters and digits as their full-width forms (used on a few short strings only). */
function fullWidth(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c > 0x20 && c < 0x7f ? String.fromCharCode(c + 0xfee0) : s[i];
  }
  return out;
}

export class PageTexts implements Sheet {
  readonly rng: Rng;
  readonly unit: string;
  private readonly segs: string[] = [];
  private len = 0;
  /** This item prints some numbers in full-width digits. */
  private wide = false;

  constructor(
    seed: string,
    unit: string,
    readonly officers: readonly string[],
    private readonly people: People,
  ) {
    this.rng = new Rng(`${seed}\u0000ocr`);
    this.unit = unit.includes('公安局') || !unit.endsWith('派出所') ? unit : BUREAU + unit;
  }

  byCategory(category: CategoryView): PageBuilder {
    const form = formFor(category.fullCode);
    return (d, ps, day) => this.build(form(d), d, ps, day);
  }

  private build(form: Form, d: Draft, ps: number[], day: number): string[] {
    const r = this.rng;
    const total = r.range(MIN_CHARS, MAX_CHARS);
    const pages = r.range(1, 3);
    this.wide = r.chance(0.04);
    this.segs.length = 0;
    this.len = 0;
    const tail = form.head(this, d, ps, day);
    if (r.chance(0.03)) this.line(`${r.pick(form.trad)}。`);
    // The body fills the rest exactly; its last sentence is cut short if need be, as
    // OCR of a page's last lines often is. Heads are short enough that this stays ≥ 0.
    let budget = total - this.len - tail.length;
    const fill = form.fill;
    while (budget > 0) {
      let s = fill[r.int(fill.length)]!;
      if (s.length > budget) s = s.slice(0, budget);
      this.line(s);
      budget -= s.length;
    }
    this.line(tail);
    return this.split(pages);
  }

  /** Page breaks fall between segments, so no name or number is split across pages. */
  private split(n: number): string[] {
    const segs = this.segs;
    if (n === 1) return [segs.join('')];
    const out: string[] = [];
    const step = this.len / n;
    let from = 0;
    let acc = 0;
    let next = step;
    for (let i = 0; i < segs.length - 1 && out.length < n - 1; i++) {
      acc += segs[i]!.length;
      if (acc >= next) {
        out.push(segs.slice(from, i + 1).join(''));
        from = i + 1;
        next += step;
      }
    }
    out.push(segs.slice(from).join(''));
    return out;
  }

  line(s: string): void {
    this.segs.push(s);
    this.len += s.length;
  }

  num(n: number | string): string {
    return this.wide ? fullWidth(String(n)) : String(n);
  }

  date(day: number): string {
    return cn(day);
  }

  ymd(s: string): string {
    return s.length === 8 ? `${s.slice(0, 4)}年${Number(s.slice(4, 6))}月${Number(s.slice(6))}日` : s;
  }

  name(p: number): string {
    return this.people.names[p]!;
  }

  idNumber(p: number): string {
    return this.people.idNumbers[p]!;
  }

  birth(p: number): string {
    return cn(this.people.births[p]!);
  }

  male(p: number): boolean {
    // The 17th digit is odd for men; digits' char codes share their parity.
    return (this.people.idNumbers[p]!.charCodeAt(16) & 1) === 1;
  }

  home(p: number): string {
    const town = TOWNS[p % TOWNS.length]!;
    const k = Math.floor(p / TOWNS.length);
    return p % 3 === 0
      ? `${COUNTY}${town}${VILLAGES[k % VILLAGES.length]}${(k % 12) + 1}组${this.num((k % 80) + 1)}号`
      : `${COUNTY}${town}${ROADS[k % ROADS.length]}${this.num((k % 297) + 1)}号`;
  }

  nation(): string {
    return this.rng.chance(0.94) ? '汉族' : this.rng.pick(P.NATIONS);
  }
}
