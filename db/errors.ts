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
