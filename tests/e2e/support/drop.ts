import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';

/** A page "scan": an A4 sheet at 150 dpi with a few lines of text, as PNG. */
export async function writeScan(file: string, lines: string[]): Promise<void> {
  const text = lines.map((l, i) => `<text x="120" y="${200 + i * 120}" font-size="56">${l}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect width="100%" height="100%" fill="#fff"/>${text}</svg>`;
  await sharp(Buffer.from(svg)).png().toFile(file);
}

/** Drops a file from disk onto an element, as dragging it from the file manager does (dragenter, dragover, drop). */
export async function dropFile(page: Page, target: Locator, file: string, type: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ b64, name, mime }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type: mime }));
      return dt;
    },
    { b64: fs.readFileSync(file).toString('base64'), name: path.basename(file), mime: type },
  );
  for (const ev of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(ev, { dataTransfer });
  await dataTransfer.dispose();
}
