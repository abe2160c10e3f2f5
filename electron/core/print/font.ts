/**
 * The font every printed document embeds: Noto Sans SC Regular (SIL OFL 1.1), shipped with
 * the app in the npm package `@expo-google-fonts/noto-sans-sc` (a TrueType-outline build, so
 * fontkit subsets it reliably; CFF CJK fonts are known to break its subsetter). Only the
 * glyphs a document uses go into its PDF, so every PC shows the same letters and a
 * 1,000-row catalogue stays small. The system's fonts are never used.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { evenGlyphs } from './even-glyphs';
import { PT_MM } from './fit';
import type { Metrics } from './layout-types';

// Bundled as CommonJS (the Electron main process) `require` exists; from source (tsx, ESM) it does not.
const req: NodeJS.Require = typeof require === 'function' ? require : createRequire(import.meta.url);

export const FONT_NAME = 'Noto Sans SC Regular (SIL OFL 1.1)';
const FONT_FILE = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';

/**
 * Printed instead of a character the font lacks (a rare 姓 in CJK Extension B such as 𠮷):
 * 〓 (the 缺字 mark of Chinese typesetting), visible and never a blank box; the result lists
 * the characters so the clerk can write them in by hand.
 */
export const MISSING_MARK = '〓';

export interface PrintFont {
  bytes: Uint8Array;
  metrics: Metrics;
  /** Replaces characters the font lacks (and control characters) and records the missing ones. */
  clean(text: string, missing: Set<string>): string;
}

let loaded: PrintFont | null = null;

/** Loads the font once per process (10 MB; parsing it takes a few tens of milliseconds). */
export function printFont(): PrintFont {
  if (loaded) return loaded;
  // Read by the main process, so a packaged build reads it inside the ASAR (no worker needs it).
  const bytes = evenGlyphs(new Uint8Array(fs.readFileSync(req.resolve(FONT_FILE))));
  const font = fontkit.create(bytes);
  const perEm = font.unitsPerEm;
  // Advance widths per code point at 1 pt, in mm: measuring a 1,000-row catalogue measures
  // the same few hundred characters again and again.
  const advance = new Map<number, number>();
  const widthOf = (cp: number) => {
    let w = advance.get(cp);
    if (w === undefined) {
      w = (font.glyphForCodePoint(cp).advanceWidth / perEm) * PT_MM;
      advance.set(cp, w);
    }
    return w;
  };
  const covered = new Map<number, boolean>();
  const has = (cp: number) => {
    let h = covered.get(cp);
    if (h === undefined) {
      h = font.hasGlyphForCodePoint(cp);
      covered.set(cp, h);
    }
    return h;
  };
  loaded = {
    bytes,
    metrics: {
      width(text, size) {
        let w = 0;
        for (const ch of text) w += widthOf(ch.codePointAt(0)!);
        return w * size;
      },
    },
    clean(text, missing) {
      let out = '';
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (ch === '\n') out += ch;
        else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += ' ';
        else if (has(cp)) out += ch;
        else {
          missing.add(ch);
          out += MISSING_MARK;
        }
      }
      return out;
    },
  };
  return loaded;
}
