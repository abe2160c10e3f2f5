import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadGrey } from '../../electron/core/imaging/raw';
import { dropRedSeal, gradeRed, sealLevels } from '../../electron/core/imaging/seal-dropout';

/**
 * A strip of paper with black bars (writing) and a translucent red disc (a stamp) over
 * the right half of them, drawn by librsvg as a scanner would see it.
 */
async function stamped(opacity: number): Promise<Buffer> {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300">` +
    `<rect width="600" height="300" fill="#f5f0e6"/>` +
    [60, 140, 220, 300, 380, 460]
      .map((x) => `<rect x="${x}" y="100" width="40" height="100" fill="#1a1a1a"/>`)
      .join('') +
    `<circle cx="420" cy="150" r="140" fill="#d7261e" opacity="${opacity}"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const at = (img: { data: Uint8Array; width: number }, x: number, y: number) => img.data[y * img.width + x]!;

describe('red seal dropout keeping the writing', () => {
  it('turns the stamp to paper and keeps the bars under it dark', async () => {
    for (const opacity of [0.55, 0.8]) {
      const png = await stamped(opacity);
      const kept = await loadGrey(await dropRedSeal(png));
      // A bar under the stamp (x 460–500), the stamp over paper (x 430), a bar outside it (x 80).
      expect(at(kept, 480, 150)).toBeLessThan(80);
      expect(at(kept, 430, 150)).toBeGreaterThan(220);
      expect(at(kept, 80, 150)).toBeLessThan(60);
    }
  });

  it('passes a page without a stamp through unchanged, and a grey scan untouched', async () => {
    const plain = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#f0f0f0' } })
      .png()
      .toBuffer();
    expect(at(await loadGrey(await dropRedSeal(plain)), 10, 10)).toBe(240);
    const grey = await sharp(plain).toColourspace('b-w').png().toBuffer();
    expect(await dropRedSeal(grey)).toBe(grey);
  });

  it('grades red pixels linearly between the stamp over ink and over paper', () => {
    const l = { overPaper: 160, overInk: 60, paper: 240, ink: 20 };
    expect(gradeRed(160, l)).toBe(240);
    expect(gradeRed(60, l)).toBe(20);
    expect(gradeRed(110, l)).toBe(130);
    expect(gradeRed(200, l)).toBe(255);
    // No writing under the stamp (the spread is noise): the stamp goes whole.
    expect(gradeRed(150, { ...l, overInk: 145 })).toBe(255);
    // A handful of red pixels is not a stamp.
    const few = new Uint8Array([200, 20, 20, 240, 240, 240]);
    expect(sealLevels(few, 3, 2)).toBeNull();
  });
});
