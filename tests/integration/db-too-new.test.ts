/**
 * db/ throws its own DatabaseTooNewError (it imports nothing from core); opening the app on
 * such a file still fails with the app's AppError('DB_TOO_NEW') and the same Chinese message.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { DatabaseTooNewError } from '../../db/errors';
import { createCore, DB_FILE } from '../../electron/core/app';
import { AppError } from '../../electron/core/kernel';
import { tempDir } from '../helpers/test-core';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

it('refuses a database from a newer version with AppError DB_TOO_NEW, through core and db alike', () => {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, DB_FILE);
  openDatabase(file).sqlite.close();
  const raw = new Database(file);
  raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', 4_102_444_800_000);
  raw.close();

  const fromDb = (() => {
    try {
      openDatabase(file);
    } catch (e) {
      return e;
    }
  })();
  expect(fromDb).toBeInstanceOf(DatabaseTooNewError);

  const fromCore = (() => {
    try {
      createCore({ dataDir: dir });
    } catch (e) {
      return e;
    }
  })();
  expect(fromCore).toBeInstanceOf(AppError);
  expect(fromCore).toMatchObject({
    code: 'DB_TOO_NEW',
    message: (fromDb as Error).message,
    details: { file, unknownMigrations: 1 },
  });
  expect((fromCore as Error).message).toMatch(/更新版本/);
});
