import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/kernel/clock';
import type { AppError } from '../../electron/core/kernel/errors';
import { HotFolder, type HotFolderOptions, type HotFolderStatus } from '../../electron/core/scan/hot-folder';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

// Local noon, so the day folder is 20260105 whatever the machine's time zone.
const clock = new ManualClock(new Date(2026, 0, 5, 12, 0, 0).getTime());
const DAY = '20260105';

/** A watched folder with everything it reports recorded; tests drive it with tick(). */
function setup(overrides: Partial<HotFolderOptions> = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dangan-hot-'));
  dirs.push(root);
  const dir = path.join(root, '扫描仪输出');
  fs.mkdirSync(dir);
  const handed: { name: string; bytes: number }[] = [];
  const errors: { err: AppError; file?: string }[] = [];
  const statuses: HotFolderStatus[] = [];
  const folder = new HotFolder({
    dir,
    clock,
    onFile: async (file) => void handed.push({ name: path.basename(file), bytes: fs.statSync(file).size }),
    onError: (err, file) => void errors.push({ err, file }),
    onStatus: (s) => void statuses.push(s),
    ...overrides,
  });
  const ticks = async (n: number) => {
    for (let i = 0; i < n; i++) await folder.tick();
  };
  return { dir, folder, handed, errors, statuses, ticks };
}

/** Every file under a folder, relative paths, sidecar notes left out. */
function allFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile() && !f.endsWith('.错误.txt'))
    .sort();
}

describe('hot folder', () => {
  it('does not hand over a file still being written, then hands it over once, whole', async () => {
    const { dir, handed, ticks } = setup();
    const file = path.join(dir, 'scan0001.jpg');
    const chunk = Buffer.alloc(64 * 1024, 0xab);
    fs.writeFileSync(file, chunk);
    for (let i = 0; i < 4; i++) {
      await ticks(1);
      fs.appendFileSync(file, chunk);
    }
    expect(handed).toEqual([]);
    // Unchanged at two polls in a row after the last write: only then is it taken.
    await ticks(2);
    expect(handed).toEqual([]);
    await ticks(1);
    expect(handed).toEqual([{ name: 'scan0001.jpg', bytes: 5 * chunk.length }]);
    await ticks(5);
    expect(handed).toHaveLength(1);
    expect(fs.readdirSync(dir).sort()).toEqual(['已处理']);
    expect(fs.statSync(path.join(dir, '已处理', DAY, 'scan0001.jpg')).size).toBe(5 * chunk.length);
  });

  it('takes finished files in name order and never overwrites an earlier one of the same name', async () => {
    const { dir, handed, ticks } = setup();
    fs.mkdirSync(path.join(dir, '已处理', DAY), { recursive: true });
    fs.writeFileSync(path.join(dir, '已处理', DAY, 'p1.jpg'), 'yesterday’s p1');
    for (const name of ['p10.jpg', 'p2.JPG', 'p1.jpg']) fs.writeFileSync(path.join(dir, name), `page ${name}`);
    await ticks(3);
    expect(handed.map((h) => h.name)).toEqual(['p1.jpg', 'p2.JPG', 'p10.jpg']);
    const done = path.join(dir, '已处理', DAY);
    expect(fs.readdirSync(done).sort()).toEqual(['p1 (2).jpg', 'p1.jpg', 'p10.jpg', 'p2.JPG']);
    expect(fs.readFileSync(path.join(done, 'p1.jpg'), 'utf8')).toBe('yesterday’s p1');
    expect(fs.readFileSync(path.join(done, 'p1 (2).jpg'), 'utf8')).toBe('page p1.jpg');
  });

  it('moves a file whose processing failed to 未能处理, with a note saying why', async () => {
    const { dir, errors, ticks } = setup({
      onFile: async () => {
        throw new Error('图像文件已损坏');
      },
    });
    fs.writeFileSync(path.join(dir, 'bad.tif'), 'not a tiff');
    await ticks(3);
    const failed = path.join(dir, '未能处理');
    expect(fs.readdirSync(failed).sort()).toEqual(['bad.tif', 'bad.tif.错误.txt']);
    const note = fs.readFileSync(path.join(failed, 'bad.tif.错误.txt'), 'utf8');
    expect(note.startsWith('\ufeff文件：bad.tif')).toBe(true);
    expect(note).toContain('原因：图像文件已损坏');
    expect(errors).toEqual([]);
    await ticks(3);
    expect(fs.readdirSync(dir).sort()).toEqual(['未能处理']);
  });

  it('ignores hidden, temporary and unaccepted files', async () => {
    const { dir, handed, ticks } = setup();
    const ignored = [
      '.scan.jpg',
      '~$scan.jpg',
      'scan.jpg.tmp',
      'scan.part',
      'scan.pdf.crdownload',
      'Thumbs.db',
      '说明.txt',
    ];
    for (const name of [...ignored, 'SCAN.PDF']) fs.writeFileSync(path.join(dir, name), 'x');
    fs.writeFileSync(path.join(dir, 'empty.jpg'), '');
    await ticks(5);
    expect(handed.map((h) => h.name)).toEqual(['SCAN.PDF']);
    expect(fs.readdirSync(dir).sort()).toEqual([...ignored, 'empty.jpg', '已处理'].sort());
  });

  it('reports a vanished folder once, keeps polling, and resumes when it is back', async () => {
    const { dir, handed, errors, statuses, ticks } = setup();
    await ticks(1);
    fs.rmSync(dir, { recursive: true });
    await ticks(4);
    expect(statuses).toEqual(['watching', 'unavailable']);
    expect(errors.map((e) => e.err.code)).toEqual(['HOT_FOLDER_UNAVAILABLE']);
    expect(errors[0]!.err.message).toContain('U 盘');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'after.png'), 'page');
    await ticks(3);
    expect(statuses).toEqual(['watching', 'unavailable', 'watching']);
    expect(handed.map((h) => h.name)).toEqual(['after.png']);
    expect(errors).toHaveLength(1);
  });

  it('never loses a file: one that cannot be moved stays, is reported once and not processed again', async () => {
    let calls = 0;
    const { dir, errors, ticks } = setup({
      onFile: async (file) => {
        calls++;
        if (file.endsWith('2.jpg')) throw new Error('无法识别');
      },
    });
    // A plain file where the 已处理 folder should be: every successful move fails.
    fs.writeFileSync(path.join(dir, '已处理'), 'in the way');
    for (const n of [1, 2, 3]) fs.writeFileSync(path.join(dir, `${n}.jpg`), `page ${n}`);
    const before = allFiles(dir);
    await ticks(8);
    expect(calls).toBe(3);
    expect(errors.map((e) => [e.err.code, path.basename(e.file ?? '')])).toEqual([
      ['HOT_FOLDER_UNAVAILABLE', '1.jpg'],
      ['HOT_FOLDER_UNAVAILABLE', '3.jpg'],
    ]);
    expect(fs.readdirSync(path.join(dir, '未能处理')).sort()).toEqual(['2.jpg', '2.jpg.错误.txt']);
    // Once the way is clear the moves complete, without handing the files over a second time.
    fs.rmSync(path.join(dir, '已处理'));
    await ticks(1);
    expect(calls).toBe(3);
    expect(fs.readdirSync(path.join(dir, '已处理', DAY)).sort()).toEqual(['1.jpg', '3.jpg']);
    const after = allFiles(dir).map((f) => path.basename(f));
    expect(after.sort()).toEqual(before.filter((f) => f !== '已处理').sort());
  });

  it('polls on its own timer after start(), and stop() waits for the file in hand', async () => {
    let release = () => {};
    const inHand = new Promise<void>((r) => (release = r));
    const picked: string[] = [];
    const { dir, folder } = setup({
      pollMs: 10,
      stableChecks: 1,
      onFile: async (file) => {
        picked.push(path.basename(file));
        await inHand;
      },
    });
    fs.writeFileSync(path.join(dir, 'a.jpg'), 'page');
    folder.start();
    for (let i = 0; i < 200 && picked.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(picked).toEqual(['a.jpg']);
    const stopped = folder.stop();
    setTimeout(release, 50);
    await stopped;
    expect(fs.existsSync(path.join(dir, '已处理', DAY, 'a.jpg'))).toBe(true);
    fs.writeFileSync(path.join(dir, 'b.jpg'), 'page');
    await new Promise((r) => setTimeout(r, 100));
    expect(picked).toEqual(['a.jpg']);
  });
});
