/** Downlink (bureau → station) methods of the contract, kept beside sync/handlers.ts. */
import { actorOf } from '../kernel/context';
import type { Handlers } from '../kernel/handler';
import { exportDownlink } from './downlink-export';
import { importDownlink } from './downlink-import';

export const downlinkHandlers = {
  'sync.downlink.export': ({ ctx, session }, input) => exportDownlink(ctx, actorOf(session), input),
  'sync.downlink.import': ({ ctx, session }, input) => importDownlink(ctx, actorOf(session), input.dir),
} satisfies Partial<Handlers>;
