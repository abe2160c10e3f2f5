/**
 * Worker-thread entry of the PP-OCR engine: loads the models once, then answers one
 * request at a time. Inference runs here, never on the core's event loop, so the app
 * (IPC, the HTTP bridge, the queue's progress events) stays responsive during a page.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ModelLoadError, Pipeline } from './pipeline';
import { zWorkerInit, type WorkerReply, type WorkerRequest } from './protocol';

const port = parentPort!;
const send = (m: WorkerReply) => port.postMessage(m);

async function main(): Promise<void> {
  const init = zWorkerInit.parse(workerData);
  let pipeline: Pipeline;
  try {
    pipeline = await Pipeline.load({ ...init, det: { maxSide: init.maxSide } });
  } catch (e) {
    const file = e instanceof ModelLoadError ? e.file : '';
    send({ type: 'load-error', file, message: (e as Error)?.message ?? String(e) });
    return;
  }
  // Requests are handled strictly in turn: the engine sends one at a time per worker.
  port.on('message', (req: WorkerRequest) => {
    void (async () => {
      try {
        if (req.op === 'block')
          send({ type: 'block', id: req.id, lines: await pipeline.readBlock(req.image, req.dropNoise) });
        else send({ type: 'lines', id: req.id, results: await pipeline.readLines(req.images) });
      } catch (e) {
        send({ type: 'error', id: req.id, message: (e as Error)?.message ?? String(e) });
      }
    })();
  });
  send({ type: 'ready' });
}

void main();
