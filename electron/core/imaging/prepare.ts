/**
 * The step every intake path shares between decoding a page and reading it: drop a red
 * seal from a colour scan, then straighten, crop and clean the page. The scan's known
 * resolution (from the scanner) stands in when the file carries none.
 */
import { processPage, type ProcessedPage } from './process';
import { dropRedSeal } from './seal-dropout';
import type { DecodedPage } from './types';

export async function preparePage(page: DecodedPage, scanDpi?: number): Promise<ProcessedPage> {
  return processPage(await dropRedSeal(page.png), { dpi: page.dpi ?? scanDpi });
}
