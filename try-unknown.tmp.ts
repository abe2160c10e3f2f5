import { readPage } from './electron/core/forms/read-page';
import { BUILTIN_TEMPLATES } from './electron/core/forms/builtin';
import { findPairs } from './electron/core/forms/label-pairs';
import { decodePages } from './electron/core/imaging/decode';
import { preparePage } from './electron/core/imaging/prepare';
import { stageLangData } from './electron/core/ocr/lang-data';
import { OcrPool } from './electron/core/ocr/pool';
import { visitorPage, prosePage, twoFormsPage } from './scripts/fixtures/ocr/unknown-pages';
import fs from 'node:fs';
const pool = new OcrPool({ langDir: stageLangData(fs.mkdtempSync('/tmp/td-')), size: 2 });
for (const [name, make] of [['visitor', () => visitorPage()], ['upside', () => visitorPage(180)], ['prose', prosePage], ['two', twoFormsPage]] as const) {
  const t0 = performance.now();
  const png = await make();
  const [d] = await decodePages({ bytes: png, name: 'x.png' });
  if (!d?.ok) throw new Error('x');
  const p = await preparePage(d.page);
  const r = await readPage(pool, p.png, { dpi: p.dpi ?? 200, template: 'auto', templates: BUILTIN_TEMPLATES, pdf: false });
  console.log(name, ((performance.now() - t0) / 1000).toFixed(1), 's conf', r.confidence.toFixed(0), 'src', r.fieldSource, 'tpl', r.template?.id, 'fields', r.fields.length);
  console.log(r.text.slice(0, 300));
  console.log(JSON.stringify(findPairs(r.lines)));
}
await pool.close();
