/**
 * Pinyin forms of people's names, so a clerk can type wangfang or wf for 王芳. Every
 * reading of a polyphonic character counts (单 is dan, shan or chan); the surname reading
 * pinyin-pro gives for the first character (单 as a surname is shan) comes first.
 */
import { pinyin, polyphonic } from 'pinyin-pro';

const HAN = /^[\u3400-\u9fff]{2,4}$/;
const MAX_FORMS = 8;
const cache = new Map<string, string>();

/** "wangfang wf" for 王芳; '' for a name that is not 2–4 Chinese characters. */
export function pinyinOf(name: string): string {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  let out = '';
  if (HAN.test(name)) {
    const surname = pinyin(name, { toneType: 'none', type: 'array', surname: 'head' });
    const readings = polyphonic(name, { toneType: 'none', type: 'array' }) as unknown as string[][];
    const forms = new Set<string>([surname.join('')]);
    const initials = new Set<string>([surname.map((s) => s[0] ?? '').join('')]);
    let combos: string[][] = [[]];
    for (const options of readings) {
      const next: string[][] = [];
      for (const c of combos) for (const r of options.length ? options : ['']) next.push([...c, r]);
      combos = next.slice(0, MAX_FORMS);
    }
    for (const c of combos) {
      forms.add(c.join(''));
      initials.add(c.map((s) => s[0] ?? '').join(''));
    }
    out = [...forms, ...initials].filter(Boolean).join(' ');
  }
  if (cache.size > 200_000) cache.clear();
  cache.set(name, out);
  return out;
}
