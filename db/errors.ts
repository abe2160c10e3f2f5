/**
 * Errors of the database layer. db/ imports nothing from electron/, so it cannot throw the
 * app's AppError; core turns these into it (electron/core/open-database.ts).
 */

/** The file holds migrations this version does not know: it comes from a newer app version. */
export class DatabaseTooNewError extends Error {
  readonly code = 'DB_TOO_NEW';

  constructor(
    message: string,
    readonly details: { file: string; unknownMigrations: number },
  ) {
    super(message);
    this.name = 'DatabaseTooNewError';
  }
}

/**
 * An index or trigger the migrations declare is missing from the file and could not be
 * rebuilt (a UNIQUE index over rows that are no longer unique): the archive must not be served
 * without it, so opening stops and names it.
 */
export class DeclaredObjectRebuildError extends Error {
  readonly code = 'DB_INDEX_REBUILD_FAILED';

  constructor(
    message: string,
    readonly details: { file: string; type: 'index' | 'trigger'; name: string; table: string; cause: string },
  ) {
    super(message);
    this.name = 'DeclaredObjectRebuildError';
  }
}
