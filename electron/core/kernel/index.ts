/**
 * The shared parts every domain builds on: context, errors, transactions, change log, clock, ids,
 * events, locks, installation settings and the handler types. Imports no domain.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { acquireArchiveLock, type ArchiveLock } from './archive-lock';
export { nodeIdOf, recordChange } from './changelog';
export { type Clock, clockStartingAt, localMinute, processClock, systemClock } from './clock';
export { type Actor, actorOf, type CoreContext, type Logger, type Session } from './context';
export { AppError } from './errors';
export { EventBus } from './events';
export { type HandlerEnv, type Handlers, mutation, sessionOf } from './handler';
export { type IdGenerator, RANDOM_BYTES_PER_ID, uuidV7Generator, type V7State, writeUuidV7 } from './ids';
export { WriteLock } from './lock';
export { fondsCodeOf, getMeta, idleMinutes, isSetUp, setMeta, systemStatus } from './meta';
export { inTransaction, lastChangeSeq, runCommitHooks } from './tx';
export { DuplicateMethodError, mergeMethodMaps } from './method-map';
export { CoreClosedError, ServiceRegistry, type ServiceStopFailure } from './services';
export { type CoreServiceSlot, defineService, serviceOf } from './service-slots';
export { metaValue } from './meta';
export { qualified } from './sql';
export { colSql, selectSql, tableSql } from './raw-sql';
export {
  BoundedFileError,
  type FileRefusal,
  formatBytes,
  openRegularFile,
  readBoundedFile,
  readBoundedFileOrNull,
  regularFileSize,
} from './bounded-file';
export {
  itemLevelRaw,
  itemLevelSql,
  itemVisible,
  itemVisibleRaw,
  levelsOf,
  mirroredLevelSql,
  ownerLevelSql,
  type RecordKind,
} from './security-level';
export { checkServerPath, type ServerPathKind, type ServerPathRule } from './server-path';
export { startTsWorker } from './ts-worker';
