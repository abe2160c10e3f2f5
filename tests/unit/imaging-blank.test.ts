import { beforeAll, describe, expect, it } from 'vitest';
import { assessBlank, isBlankPage } from '../../electron/core/imaging/blank';
import { processPage } from '../../electron/core/imaging/process';
import { loadGrey } from '../../electron/core/imaging/raw';
import { noisyBack } from './imaging-fixtures';

const SHORT_LINE =
  '<path d="M 1100 1800 c 30 -25 60 -30 90 -5 s 50 20 80 -10 s 60 -25 90 0 s 40 15 70 -5" ' +
  'fill="none" stroke="#1a2a80" stroke-width="5" stroke-linecap="round"/>';
const STAMP =
  '<g fill="none" stroke="#cc2020" stroke-width="9"><circle cx="1700" cy="2600" r="150"/></g>' +
  '<text x="1700" y="2620" font-size="44" text-anchor="middle" fill="#cc2020" font-family="\'Noto Sans CJK SC\'">北港派出所</text>';

let back: Buffer;
beforeAll(async () => {
  back = await noisyBack();
});

describe('blank pages', () => {
  it('calls a back with only paper texture, dust and show-through blank', async () => {
    const grey = await loadGrey(back);
    const verdict = assessBlank(grey);
    expect(verdict.blank).toBe(true);
    expect(verdict.marks).toBeLessThan(3);
    // The show-through is really there (a plain threshold sees a lot of "ink")…
    let darker = 0;
    for (const v of grey.data) if (v < 215) darker++;
    expect(darker / grey.data.length).toBeGreaterThan(0.005);
    // …and processPage agrees with the detector.
    expect((await processPage(back)).blank).toBe(true);
  });

  it('does not call a back with one short handwritten line blank', async () => {
    const page = await noisyBack(SHORT_LINE);
    expect(isBlankPage(await loadGrey(page))).toBe(false);
    expect((await processPage(page)).blank).toBe(false);
  });

  it('does not call a back with a red stamp blank', async () => {
    expect(isBlankPage(await loadGrey(await noisyBack(STAMP)))).toBe(false);
  });

  it('ignores marks in the margins, where punched holes and staples are', async () => {
    const holes = '<circle cx="90" cy="1200" r="36" fill="#202020"/><circle cx="90" cy="2300" r="36" fill="#202020"/>';
    expect(isBlankPage(await loadGrey(await noisyBack(holes)))).toBe(true);
  });
});
