import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';

/** Page object of 导入目录: choosing the file and category, previewing, downloads. */
export class ImportScreen {
  constructor(readonly page: Page) {}

  /** Picks the 门类 by typing in the type-to-find picker (code, name or pinyin initials), then Enter. */
  async selectCategory(name: string): Promise<void> {
    const input = this.page.locator('#import-category');
    await input.focus();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(name);
    await this.page.getByTestId('import-category-options').getByRole('option').first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.waitForFunction(
      (n) => (document.querySelector('#import-category') as HTMLInputElement | null)?.value.includes(n),
      name,
    );
  }

  /** Chooses a file through the 选择文件 button and the browser's file chooser. */
  async chooseFile(file: string): Promise<void> {
    const [chooser] = await Promise.all([
      this.page.waitForEvent('filechooser'),
      this.page.getByTestId('import-choose').click(),
    ]);
    await chooser.setFiles(file);
    await this.fileNameIs(file);
  }

  async fileNameIs(file: string): Promise<void> {
    const name = file.split('/').pop()!;
    await this.page.getByTestId('import-file-name').filter({ hasText: name }).waitFor();
  }

  async preview(): Promise<void> {
    await this.page.getByTestId('import-preview').click();
    await this.page.getByTestId('import-summary').waitFor();
  }

  /** Clicks a button that downloads a file and saves it under `dir`. */
  async download(testId: string, dir: string): Promise<{ file: string; download: Download }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(testId).click()]);
    const file = `${dir}/${download.suggestedFilename()}`;
    await download.saveAs(file);
    return { file, download };
  }
}

/** Every row of the first sheet as text cells. */
export async function readSheet(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow((row) => out.push(Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).text)));
  return out;
}

export async function writeSheet(file: string, rows: (string | number)[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('目录');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}
