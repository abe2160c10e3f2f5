/**
 * Worker-thread entry: runs the generator and posts its batches to the main thread,
 * which writes them. At most a few batches are in flight (shared counters), so memory
 * stays flat however many items are asked for.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { bulkUuidV7 } from './ids';
import { produce, type ProduceInput } from './produce';

export interface WorkerInput {
  input: ProduceInput;
  /** [batches posted, batches written] */
  flow: SharedArrayBuffer;
  maxInFlight: number;
}

const { input, flow, maxInFlight } = workerData as WorkerInput;
const counters = new Int32Array(flow);
let posted = 0;
produce(input, bulkUuidV7(), (batch) => {
  // The row buffers move to the writing thread without a copy.
  const rows = [batch.personRows, batch.volumeRows, batch.itemRows, batch.linkRows];
  if (batch.pageRows) rows.push(batch.pageRows);
  parentPort!.postMessage({ batch }, [...new Set(rows.map((r) => r.buffer as ArrayBuffer))]);
  Atomics.store(counters, 0, ++posted);
  for (;;) {
    const written = Atomics.load(counters, 1);
    if (posted - written < maxInFlight) break;
    Atomics.wait(counters, 1, written, 1000);
  }
});
parentPort!.postMessage({ end: true });
