/**
 * Messages between the PP-OCR engine and its inference workers. Both ends are ours, but
 * the worker is a separate JavaScript realm: its replies are parsed, so a malformed one is
 * an error here rather than an undefined deep in the page pipeline.
 */
import { z } from 'zod';
import { zModelPaths } from './models';

export const zWorkerInit = z.object({
  models: zModelPaths,
  threads: z.number().int().min(1).max(64),
  angle: z.boolean(),
  maxSide: z.number().int().min(320).max(8000),
});
export type WorkerInit = z.infer<typeof zWorkerInit>;

export interface WireImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export type WorkerRequest =
  { id: number; op: 'block'; image: WireImage; dropNoise: boolean } | { id: number; op: 'lines'; images: WireImage[] };
/** A request before the engine numbers it. */
export type WorkerJob = { op: 'block'; image: WireImage; dropNoise: boolean } | { op: 'lines'; images: WireImage[] };

const zBox = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });
const zRec = z.object({ text: z.string(), confidence: z.number() });

export const zWorkerReply = z.union([
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('load-error'), file: z.string(), message: z.string() }),
  z.object({ type: z.literal('block'), id: z.number(), lines: z.array(zRec.extend({ bbox: zBox })) }),
  z.object({ type: z.literal('lines'), id: z.number(), results: z.array(zRec) }),
  z.object({ type: z.literal('error'), id: z.number(), message: z.string() }),
]);
export type WorkerReply = z.infer<typeof zWorkerReply>;
