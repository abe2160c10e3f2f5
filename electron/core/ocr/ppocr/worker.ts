/**
 * Entry of PP-OCR's inference host, a child process (forked, settings in argv) or a worker
 * thread (settings in workerData): loads the models once, then answers one request at a
 * time. Inference runs here, never on the core's event loop, so the app (IPC, the HTTP
 * bridge, the queue's progress events) stays responsive during a page.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ModelLoadError, Pipeline } from './pipeline';
import { zWorkerInit, type WorkerReply, type WorkerRequest } from './protocol';

interface Channel {
  settings: unknown;
  send(m: WorkerReply): void;
  listen(handle: (req: WorkerRequest) => void): void;
}

function channel(): Channel {
  if (parentPort) {
    const port = parentPort;
    return {
      settings: workerData,
      send: (m) => port.postMessage(m),
      listen: (handle) => port.on('message', handle),
    };
  }
  if (!process.send) throw new Error('PP-OCR worker started without a parent');
  // The parent going away (closed, crashed) closes the IPC channel: nothing is left to answer.
  process.on('disconnect', () => process.exit(0));
  return {
    settings: JSON.parse(process.argv[2] ?? 'null'),
    send: (m) => process.send!(m),
    listen: (handle) => process.on('message', (m) => handle(m as WorkerRequest)),
  };
}

async function main(): Promise<void> {
  const ch = channel();
  const init = zWorkerInit.parse(ch.settings);
  let pipeline: Pipeline;
  try {
    pipeline = await Pipeline.load({ ...init, det: { maxSide: init.maxSide } });
  } catch (e) {
    const file = e instanceof ModelLoadError ? e.file : '';
    ch.send({ type: 'load-error', file, message: (e as Error)?.message ?? String(e) });
    return;
  }
  // Requests are handled strictly in turn: the engine sends one at a time per host.
  ch.listen((req) => {
    void (async () => {
      try {
        if (req.op === 'block')
          ch.send({ type: 'block', id: req.id, lines: await pipeline.readBlock(req.image, req.dropNoise) });
        else ch.send({ type: 'lines', id: req.id, results: await pipeline.readLines(req.images) });
      } catch (e) {
        ch.send({ type: 'error', id: req.id, message: (e as Error)?.message ?? String(e) });
      }
    })();
  });
  ch.send({ type: 'ready' });
}

void main();
