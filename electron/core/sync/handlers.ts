/** The sync part of the contract. Long steps (export, import) run under the core's write lock like every mutation. */
import { actorOf, type Handlers, inTransaction } from '../kernel';
import { getConflict, resolveConflict } from './conflicts';
import { addStation, enrollStation } from './enroll';
import { exportBundle } from './export';
import { exportIdentity, unlockWithPassphrase } from './identity';
import { importBundle } from './import';
import { createNextSigningKey, ensureNodeKeys } from './keys';
import { inspectBundle } from './inspect';
import { importReceipt } from './receipt-import';
import { bundleDirPath, outDirPath, outFilePath, receiptFilePath } from './server-paths';
import { roleOf, requireRole } from './state';
import { keysView, listConflicts, syncStatus } from './status';
import { listStationRecords } from './station-records';
import { revokeStationKeys } from './trust';
import { verifyBundleDir } from './verify';

export const syncHandlers = {
  'sync.status': ({ ctx, session }) => syncStatus(ctx, session),
  'sync.keys.get': ({ ctx }) => keysView(ctx),
  'sync.keys.unlock': ({ ctx }, input) => unlockWithPassphrase(ctx, input.passphrase),
  'sync.keys.init': async ({ ctx, session }) => {
    await ensureNodeKeys(ctx, actorOf(session), { age: roleOf(ctx) === 'bureau' });
    return keysView(ctx);
  },
  'sync.keys.rotate': ({ ctx, session }) => {
    requireRole(ctx, 'station');
    createNextSigningKey(ctx, actorOf(session));
    return keysView(ctx);
  },
  'sync.keys.exportIdentity': ({ ctx, session }, input) =>
    exportIdentity(ctx, session, actorOf(session), outFilePath(ctx, input.outFile)),
  'sync.stations.add': ({ ctx, session }, input) =>
    addStation(ctx, actorOf(session), { ...input, outDir: outDirPath(ctx, input.outDir) }),
  'sync.stations.revoke': ({ ctx, session }, input) => {
    requireRole(ctx, 'bureau');
    const trustVersion = inTransaction(
      ctx,
      () => revokeStationKeys(ctx, actorOf(session), input.stationId, input.afterSeq, input.reason),
      { catalogue: false },
    );
    return { trustVersion };
  },
  'sync.conflicts.list': ({ ctx, session }) => listConflicts(ctx, undefined, session),
  'sync.conflicts.get': ({ ctx, session }, input) => getConflict(ctx, session, input.id),
  'sync.conflicts.resolve': ({ ctx, session }, input) => resolveConflict(ctx, session, actorOf(session), input),
  'sync.stations.records': ({ ctx, session }, input) => listStationRecords(ctx, session, input),
  'sync.bundle.inspect': ({ ctx }, input) => inspectBundle(ctx, bundleDirPath(input.dir)),
  'sync.enroll': ({ ctx, session }, input) =>
    enrollStation(ctx, actorOf(session), bundleDirPath(input.dir, '登记包目录')),
  'sync.bundle.export': ({ ctx, session }, input) =>
    exportBundle(ctx, actorOf(session), { outDir: outDirPath(ctx, input.outDir) }),
  'sync.bundle.import': ({ ctx, session }, input) =>
    importBundle(ctx, actorOf(session), bundleDirPath(input.dir), { acceptKey: input.acceptKey }),
  'sync.bundle.verify': ({ ctx }, input) => verifyBundleDir(ctx, bundleDirPath(input.dir)),
  'sync.receipt.import': ({ ctx, session }, input) => importReceipt(ctx, actorOf(session), receiptFilePath(input.file)),
} satisfies Partial<Handlers>;
