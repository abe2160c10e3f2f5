/**
 * Tesseract's language data comes from the npm packages `@tesseract.js-data/chi_sim` and
 * `@tesseract.js-data/eng`, never from the network. tesseract.js reads every language
 * from one folder, so the two files are staged side by side once (a copy, checked by
 * size) in a folder the app owns.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const OCR_LANGS = ['chi_sim', 'eng'] as const;

// Bundled as CommonJS (the Electron main process, the PP-OCR worker) import.meta.url is
// empty and `require` exists; from source (tsx, ESM) it is the other way round.
const req: NodeJS.Require = typeof require === 'function' ? require : createRequire(import.meta.url);

/** The gzip'd traineddata shipped in the package (the 4.0.0 set: LSTM plus legacy). */
export function packagedLangFile(lang: (typeof OCR_LANGS)[number]): string {
  const pkg = req(`@tesseract.js-data/${lang}`) as { langPath: string };
  // Packaged builds unpack the data from the ASAR; the path the require gives points into it.
  return path.join(
    pkg.langPath.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`),
    `${lang}.traineddata.gz`,
  );
}

/** Stages the language files into `<cacheDir>/tessdata` and returns that folder. */
export function stageLangData(cacheDir: string): string {
  const dir = path.join(cacheDir, 'tessdata');
  fs.mkdirSync(dir, { recursive: true });
  for (const lang of OCR_LANGS) {
    const src = packagedLangFile(lang);
    const dest = path.join(dir, `${lang}.traineddata.gz`);
    const size = fs.statSync(src).size;
    if (fs.existsSync(dest) && fs.statSync(dest).size === size) continue;
    const tmp = `${dest}.${process.pid}.tmp`;
    fs.copyFileSync(src, tmp);
    fs.renameSync(tmp, dest);
  }
  return dir;
}
