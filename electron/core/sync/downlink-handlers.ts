/** Downlink (bureau → station) methods of the contract, kept beside sync/handlers.ts. */
import { actorOf, type Handlers } from '../kernel';
import { exportDownlink } from './downlink-export';
import { importDownlink } from './downlink-import';

export const downlinkHandlers = {
  'sync.downlink.export': ({ ctx, session }, input) => exportDownlink(ctx, actorOf(session), input),
  'sync.downlink.import': ({ ctx, session }, input) => importDownlink(ctx, actorOf(session), input.dir),
} satisfies Partial<Handlers>;
