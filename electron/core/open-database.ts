import { openDatabase as openDb } from '../../db/client';
import { DatabaseTooNewError } from '../../db/errors';
import { AppError } from './kernel';

/** db/client's openDatabase, with db's own refusal of a newer database turned into the app's AppError. */
export function openDatabase(...args: Parameters<typeof openDb>): ReturnType<typeof openDb> {
  try {
    return openDb(...args);
  } catch (e) {
    if (e instanceof DatabaseTooNewError) throw new AppError('DB_TOO_NEW', e.message, e.details);
    throw e;
  }
}
