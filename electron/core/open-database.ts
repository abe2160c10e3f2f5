import { openDatabase as openDb } from '../../db/client';
import { DatabaseTooNewError, DeclaredObjectRebuildError } from '../../db/errors';
import { AppError } from './kernel';

/** db/client's openDatabase, with db's own refusals (a newer database, an index that cannot be rebuilt) turned into the app's AppError. */
export function openDatabase(...args: Parameters<typeof openDb>): ReturnType<typeof openDb> {
  try {
    return openDb(...args);
  } catch (e) {
    if (e instanceof DatabaseTooNewError) throw new AppError('DB_TOO_NEW', e.message, e.details);
    if (e instanceof DeclaredObjectRebuildError) throw new AppError('DB_INDEX_REBUILD_FAILED', e.message, e.details);
    throw e;
  }
}
