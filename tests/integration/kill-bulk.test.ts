/**
 * Bulk jobs killed (SIGKILL) with the real CLI at aimed points: a spreadsheet import
 * (`dangan import catalogue`), a reindex (`dangan search reindex`) and an OCR batch (the
 * queue is worked by `dangan serve`; no command runs it otherwise). After each kill the
 * archive is sound (tests/helpers/archive-sound.ts) and the job, run again, completes:
 * - an import is all or nothing (one transaction): the rows are all there or none is, and
 *   a re-run of a killed import imports exactly the whole sheet once;
 * - a reindex is one transaction too: the old index stands until a re-run replaces it;
 * - OCR pages left 'running' go back to the queue at the next start and are read.
 * Under `npm test` one point per kind (the job seen at work in the database); the full set
 * (early, at work, near the end) under `npm run test:long`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, DB_FILE } from '../../electron/core/app';
import { servicesOf } from '../../electron/core/scan/services';
import { ocrSet } from '../helpers/ocr-set';
import { expectArchiveSound, expectCountsConsistent, expectFileSound } from '../helpers/archive-sound';
import { dangan, DANGAN, ROOT, setupViaCli, TEST_NOW } from '../helpers/cli';
import { LONG } from '../helpers/long';
import { holdsOpen, waitFor } from '../helpers/sync-child';
import { categoryId, makeTestCore, tempDir } from '../helpers/test-core';

type Point = 'early' | 'at work' | 'near the end';
const POINTS: readonly Point[] = LONG ? ['early', 'at work', 'near the end'] : ['at work'];

const scratch: string[] = [];
afterAll(() => {
  for (const d of scratch.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const scratchDir = (prefix: string) => {
  const d = tempDir(prefix);
  scratch.push(d);
  return d;
};
const copyData = (from: string) => {
  const to = scratchDir('dangan-kill-copy-');
  fs.cpSync(from, to, { recursive: true, filter: (f) => !/dangan\.sqlite-(wal|shm)$|\.lock$/.test(f) });
  return to;
};

interface Child {
  proc: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

function start(args: string[]): Child {
  const proc = spawn(process.execPath, [DANGAN, ...args], {
    cwd: ROOT,
    env: { ...process.env, DANGAN_CLOCK_START: TEST_NOW },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  proc.stdout!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { proc, exited, stderr: () => err };
}

/** A read-only look at what the child has committed so far. */
function peek<T>(dir: string, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(dir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
const scalar = (dir: string, sql: string) => peek(dir, (db) => db.prepare(sql).pluck().get() as number);
const jobRunning = (dir: string, kind: string) =>
  scalar(dir, `SELECT count(*) FROM jobs WHERE kind = '${kind}' AND state = 'running'`) > 0;

/**
 * Kills `c` at `point`: early (the moment it has the database open), at work (its job is
 * seen in the database), or near the end (at work, then 80% of the calibrated work time).
 */
async function killAt(c: Child, dir: string, point: Point, atWork: () => boolean, workMs: number): Promise<string> {
  const file = path.resolve(dir, DB_FILE);
  const alive = () => c.proc.exitCode === null && c.proc.signalCode === null;
  if (point === 'early') await waitFor(() => !alive() || holdsOpen(c.proc.pid!, file), 60_000);
  else {
    await waitFor(() => !alive() || atWork(), 60_000);
    if (point === 'near the end') await waitFor(() => !alive(), workMs * 0.8);
  }
  c.proc.kill('SIGKILL');
  const exit = await c.exited;
  return `${point} (exit ${exit.code ?? exit.signal})`;
}

/** Runs `c` to its end, timing its work from when `atWork` first holds. */
async function calibrate(c: Child, atWork: () => boolean): Promise<number> {
  await waitFor(() => atWork() || c.proc.exitCode !== null, 60_000);
  const t0 = performance.now();
  const exit = await c.exited;
  expect(exit.code, c.stderr()).toBe(0);
  return performance.now() - t0;
}

describe('a spreadsheet import killed', () => {
  const ROWS = 3000;
  let template: string;
  let sheet: string;
  let workMs = 0;
  beforeAll(() => {
    template = scratchDir('dangan-kill-import-');
    setupViaCli(template);
    sheet = path.join(scratchDir('dangan-kill-sheet-'), '旧目录.csv');
    const rows = Array.from(
      { length: ROWS },
      (_, i) => `关于第${i + 1}号事项的通知,2011-03-${String((i % 28) + 1).padStart(2, '0')},长期`,
    );
    fs.writeFileSync(sheet, `题名,日期,保管期限\n${rows.join('\n')}\n`);
  }, 60_000);
  const args = (dir: string) => ['import', 'catalogue', '--data', dir, '--file', sheet, '--category', 'WS', '--json'];
  const items = (dir: string) => scalar(dir, 'SELECT count(*) FROM items');

  it.each(POINTS)(
    'at %s: all rows or none, the archive sound; a re-run imports the sheet exactly once',
    async (point) => {
      if (point === 'near the end' && !workMs) {
        const dir = copyData(template);
        workMs = await calibrate(start(args(dir)), () => jobRunning(dir, 'import'));
      }
      const dir = copyData(template);
      const what = `import killed ${await killAt(start(args(dir)), dir, point, () => jobRunning(dir, 'import'), workMs)}`;
      expectFileSound(path.join(dir, DB_FILE), what);
      const landed = items(dir);
      expect([0, ROWS], `${what}: ${landed} rows`).toContain(landed);
      peek(dir, (db) => expectCountsConsistent(db, what));
      if (landed === 0) {
        const again = dangan(args(dir));
        expect(again.code, again.stderr).toBe(0);
      }
      expect(items(dir), what).toBe(ROWS);
      const sound = await expectArchiveSound(dir, what);
      expect(sound.items).toBe(ROWS);
    },
    120_000,
  );
});

describe('a reindex killed', () => {
  const ITEMS = LONG ? 20_000 : 3000;
  let template: string;
  let workMs = 0;
  beforeAll(() => {
    template = scratchDir('dangan-kill-reindex-');
    setupViaCli(template);
    const demo = dangan(['demo', '--data', template, '--items', String(ITEMS)]);
    expect(demo.code, demo.stderr).toBe(0);
  }, 120_000);
  const args = (dir: string) => ['search', 'reindex', '--data', dir, '--json'];

  it.each(POINTS)(
    'at %s: the old index stands, the archive sound; a re-run completes',
    async (point) => {
      if (point === 'near the end' && !workMs) {
        const dir = copyData(template);
        workMs = await calibrate(start(args(dir)), () => jobRunning(dir, 'reindex'));
      }
      const dir = copyData(template);
      const docsBefore = scalar(dir, 'SELECT count(*) FROM search_docs');
      const what = `reindex killed ${await killAt(start(args(dir)), dir, point, () => jobRunning(dir, 'reindex'), workMs)}`;
      expectFileSound(path.join(dir, DB_FILE), what);
      peek(dir, (db) => expectCountsConsistent(db, what));
      // One transaction: the index is the old one or the whole new one, never a part.
      expect([docsBefore, ITEMS], what).toContain(scalar(dir, 'SELECT count(*) FROM search_docs'));
      const again = dangan(args(dir));
      expect(again.code, again.stderr).toBe(0);
      expect((JSON.parse(again.stdout) as { docs: number }).docs).toBe(ITEMS);
      const sound = await expectArchiveSound(dir, what);
      expect(sound).toMatchObject({ items: ITEMS, reindexed: false });
    },
    120_000,
  );
});

describe('an OCR batch killed with the server', () => {
  const PAGES = LONG ? 8 : 2;
  let template: string;
  beforeAll(async () => {
    const fixtures = scratchDir('dangan-kill-ocr-fixtures-');
    const set = await ocrSet(fixtures, { seed: 7, count: PAGES });
    template = scratchDir('dangan-kill-ocr-');
    const t = await makeTestCore({ dir: template });
    // Queued only: the batch is read by the server started below, not by this process.
    servicesOf(t.core.ctx).runner.stop();
    // Pages at a quarter of their size: the kill points need pages being read, not good readings.
    const files = await Promise.all(
      set.pages.slice(0, PAGES).map(async (p) => ({
        name: p.file.replace(/\.\w+$/, '.png'),
        dataBase64: (await sharp(path.join(fixtures, p.file)).resize({ width: 640 }).png().toBuffer()).toString(
          'base64',
        ),
      })),
    );
    const qr = await categoryId(t, 'ZY·HJ·QR');
    const item = await t.ok(
      'catalogue.create',
      { categoryId: qr, year: 2024, orgCode: '', title: '待著录' },
      t.adminToken,
    );
    const r = await t.ok('intake.importFiles', { files, itemId: item.id, template: 'none' }, t.adminToken);
    expect(r).toMatchObject({ pages: PAGES, errors: [] });
    await t.core.close();
    expect(scalar(template, "SELECT count(*) FROM pages WHERE ocr_status = 'queued'")).toBe(PAGES);
  }, 120_000);

  const count = (dir: string, status: string) =>
    scalar(dir, `SELECT count(*) FROM pages WHERE ocr_status = '${status}'`);
  /** Early: the first page is being read; at work: one is read; near the end: all but one are. */
  const aims: Record<Point, (dir: string) => boolean> = {
    early: (dir) => count(dir, 'running') > 0,
    'at work': (dir) => count(dir, 'done') >= 1,
    'near the end': (dir) => count(dir, 'done') >= PAGES - 1,
  };

  it.each(POINTS)(
    'at %s: pages left running go back to the queue and are read at the next start',
    async (point) => {
      const dir = copyData(template);
      const ui = scratchDir('dangan-kill-ui-');
      const serve = start(['serve', '--data', dir, '--no-open', '--port', '0', '--static', ui]);
      const alive = () => serve.proc.exitCode === null && serve.proc.signalCode === null;
      expect(await waitFor(() => !alive() || aims[point](dir), 90_000), serve.stderr()).toBe(true);
      serve.proc.kill('SIGKILL');
      const exit = await serve.exited;
      const what = `OCR batch killed ${point} (exit ${exit.code ?? exit.signal})`;
      expect(exit.signal, serve.stderr()).toBe('SIGKILL');
      expectFileSound(path.join(dir, DB_FILE), what);
      peek(dir, (db) => expectCountsConsistent(db, what));
      expect(count(dir, 'done'), what).toBeLessThan(PAGES);

      // The next start requeues what was running and reads the rest.
      const core = createCore({ dataDir: dir, log: { info() {}, error() {} } });
      try {
        await servicesOf(core.ctx).runner.idle();
      } finally {
        await core.close();
      }
      expect(count(dir, 'done'), what).toBe(PAGES);
      expect(scalar(dir, "SELECT count(*) FROM ocr_jobs WHERE status IN ('queued', 'running')"), what).toBe(0);
      await expectArchiveSound(dir, what);
    },
    180_000,
  );
});
