/**
 * Decodes a large spreadsheet in a worker thread (grid-worker.ts), so `system.status` and
 * other users' calls answer while exceljs inflates and parses it. The worker runs the
 * same readGrid as the request path does for small files: the rows are the same. A
 * refusal (AppError) comes back as its code, message and details and is thrown again here.
 */
import { AppError, startTsWorker } from '../kernel';

/** A file's rows of cell text (read-table's TableRow), before the header row is found. */
export interface Grid {
  sheets: string[];
  sheet: string;
  grid: { rowNo: number; cells: string[] }[];
}

/** What grid-worker.ts posts back. */
export type GridReply =
  { ok: true; grid: Grid } | { ok: false; app: boolean; code: string; message: string; details?: unknown };

export interface GridRequest {
  fileName: string;
  bytes: Uint8Array;
  sheet: string | undefined;
}

export function readGridOffThread(fileName: string, bytes: Buffer, sheet: string | undefined): Promise<Grid> {
  const request: GridRequest = { fileName, bytes, sheet };
  const worker = startTsWorker(import.meta.url, './grid-worker.ts', 'import-worker.cjs', request);
  return new Promise<Grid>((resolve, reject) => {
    worker.once('message', (r: GridReply) => {
      if (r.ok) resolve(r.grid);
      else if (r.app) reject(new AppError(r.code as AppError['code'], r.message, r.details));
      else reject(new Error(r.message));
    });
    worker.once('error', (e) => reject(new Error(`表格解析线程出错：${e.message}`)));
    worker.once('exit', (code) => reject(new Error(`表格解析线程意外退出（退出码 ${code}）`)));
  }).finally(() => void worker.terminate());
}
