/** Downlink (bureau → station) methods of the contract, kept beside sync/handlers.ts. */
import { actorOf, type Handlers } from '../kernel';
import { exportDownlink } from './downlink-export';
import { importDownlink } from './downlink-import';
import { bundleDirPath, outDirPath } from './server-paths';

export const downlinkHandlers = {
  'sync.downlink.export': ({ ctx, session }, input) =>
    exportDownlink(ctx, actorOf(session), { ...input, outDir: outDirPath(ctx, input.outDir) }),
  'sync.downlink.import': ({ ctx, session }, input) =>
    importDownlink(ctx, actorOf(session), bundleDirPath(input.dir, '下发包目录')),
} satisfies Partial<Handlers>;
