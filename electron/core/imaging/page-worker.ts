/**
 * Worker-thread entry: decodes and prepares the pages of the files page-thread.ts sends,
 * one at a time, and posts back each file's pages or its whole-file refusal. It first
 * says it has started, so page-thread.ts can tell a worker that could not load (work
 * falls back to the calling thread) from one that failed on a file. Bundled as
 * dist-electron/page-worker.cjs for the app.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../kernel';
import type { PageJob, PageReply } from './page-thread';
import { preparePages } from './prepare-file';

const port = parentPort!;
const post = (r: PageReply) => port.postMessage(r);
port.on('message', (job: PageJob) => {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  preparePages(bytes, job.name, job.scanDpi).then(
    (pages) => post({ id: job.id, ok: true, pages }),
    (e: unknown) =>
      post(
        e instanceof AppError
          ? { id: job.id, ok: false, app: true, code: e.code, message: e.message, details: e.details }
          : { id: job.id, ok: false, app: false, code: 'INTERNAL', message: String((e as Error)?.message ?? e) },
      ),
  );
});
post({ started: true });
