/**
 * Worker-thread entry: decodes one spreadsheet (grid-thread.ts sends it) and posts its
 * rows back, or the refusal. Bundled as dist-electron/import-worker.cjs for the app.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../kernel';
import type { GridReply, GridRequest } from './grid-thread';
import { readGrid } from './read-table';

const req = workerData as GridRequest;
const post = (r: GridReply) => parentPort!.postMessage(r);
readGrid(req.fileName, Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength), req.sheet).then(
  (grid) => post({ ok: true, grid }),
  (e: unknown) =>
    post(
      e instanceof AppError
        ? { ok: false, app: true, code: e.code, message: e.message, details: e.details }
        : { ok: false, app: false, code: 'INTERNAL', message: String((e as Error)?.message ?? e) },
    ),
);
