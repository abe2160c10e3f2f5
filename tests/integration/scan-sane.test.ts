import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/kernel/errors';
import { planScan } from '../../electron/core/scan/sane-options';
import {
  deviceOptions,
  listDevices,
  parseDeviceOptions,
  saneAvailable,
  scanBatch,
  type ScanBatchOptions,
  type ScanPage,
} from '../../electron/core/scan/sane';

// SANE's own `test` backend is a real driver, enabled here without touching /etc.
// Deliberately no skip when scanimage is missing: CI installs sane-utils, and a silent
// skip would hide the scanner path going untested.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dangan-sane-'));
const configDir = path.join(root, 'sane.d');
const env = { ...process.env, SANE_CONFIG_DIR: configDir };
let dirs = 0;
const outDir = () => path.join(root, `扫描-${++dirs}`);
const pngs = (dir: string) => fs.readdirSync(dir).sort();

beforeAll(async () => {
  fs.mkdirSync(configDir);
  fs.writeFileSync(path.join(configDir, 'dll.conf'), 'test\n');
  if (!(await saneAvailable({ env }))) throw new Error('scanimage not found: install Debian package sane-utils');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Runs a batch on test:0, collecting pages; every page is checked to be a whole PNG when handed over. */
async function scan(opts: Partial<ScanBatchOptions> & Pick<ScanBatchOptions, 'source'>) {
  const pages: ScanPage[] = [];
  const dir = opts.outDir ?? outDir();
  const result = await scanBatch({
    device: 'test:0',
    mode: 'grey',
    env,
    outDir: dir,
    onPage: async (p) => {
      expect(fs.existsSync(`${p.path}.part`)).toBe(false);
      expect((await sharp(p.path).metadata()).format).toBe('png');
      pages.push(p);
    },
    ...opts,
  });
  return { result, pages, dir };
}

async function failure(run: Promise<unknown>): Promise<AppError> {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('SANE devices and options', () => {
  it('lists the test backend and reads its options, sources mapped to our kinds', async () => {
    expect(await saneAvailable({ env, bin: path.join(root, 'no-such-scanimage') })).toBe(false);
    const devices = await listDevices({ env });
    expect(devices).toContainEqual({
      name: 'test:0',
      vendor: 'Noname',
      model: 'frontend-tester',
      type: 'virtual device',
    });
    const o = await deviceOptions('test:0', { env });
    expect(o.modes).toEqual(['Gray', 'Color']);
    expect(o.depths).toEqual([1, 8, 16]);
    expect(o.resolutions).toEqual({ min: 1, max: 1200 });
    expect(o.sources).toEqual(['Flatbed', 'Automatic Document Feeder']);
    expect(o.sourceKinds).toEqual({ flatbed: 'Flatbed', feeder: 'Automatic Document Feeder' });
  });

  it("reads a real scanner's words for duplex, lineart and a fixed dpi list", () => {
    const o = parseDeviceOptions(
      [
        '    --source Flatbed|ADF Back|ADF Front|ADF Duplex [Flatbed]',
        '    --mode Lineart|Halftone|Gray|Color [Lineart]',
        '    --resolution 50|75|150|200|600dpi [150]',
        '    --depth 8 [inactive]',
      ].join('\n'),
    );
    expect(o.sourceKinds).toEqual({ flatbed: 'Flatbed', feeder: 'ADF Front', duplex: 'ADF Duplex' });
    const plan = planScan(o, 'bw', 'duplex', 300);
    expect(plan.args).toEqual(['--source', 'ADF Duplex', '--mode', 'Lineart', '--resolution', '600']);
    expect(planScan(o, 'grey', 'feeder', 200).args).toEqual([
      '--source',
      'ADF Front',
      '--mode',
      'Gray',
      '--depth',
      '8',
      '--resolution',
      '200',
    ]);
    expect(() => planScan({ ...o, modes: ['Gray'] }, 'color', 'flatbed', 300)).toThrow(/彩色/);
  });
});

describe('scanning with scanimage', () => {
  it('scans one flatbed page at the asked dpi and mode, recording how it was made', async () => {
    const { result, pages, dir } = await scan({ source: 'flatbed', resolution: 300 });
    expect(result.endedBy).toBe('done');
    expect(pages.map((p) => p.index)).toEqual([1]);
    expect(pngs(dir)).toEqual(['page-0001.png']);
    // The test backend scans 80 × 100 mm: 945 × 1181 px at 300 dpi (scanimage rounds down to 944).
    const m = await sharp(pages[0]!.path).metadata();
    expect([m.width, m.height, m.density, m.channels]).toEqual([944, 1181, 300, 1]);
    expect(pages[0]!.meta).toMatchObject({
      device: 'test:0',
      resolution: 300,
      mode: 'grey',
      deviceMode: 'Gray',
      bitDepth: 8,
    });
    expect(pages[0]!.meta.software).toMatch(/^scanimage \d+\.\d+/);

    const bw = await scan({ source: 'flatbed', mode: 'bw', resolution: 150, outDir: dir });
    // A second stack in the same folder carries on numbering instead of overwriting.
    expect(bw.pages.map((p) => path.basename(p.path))).toEqual(['page-0002.png']);
    const b = await sharp(bw.pages[0]!.path).metadata();
    expect([b.width, b.density, b.bitsPerSample]).toEqual([472, 150, 1]);
  });

  it('feeds exactly maxPages pages, handed over in order', async () => {
    const { result, pages, dir } = await scan({ source: 'feeder', maxPages: 3 });
    expect(result).toMatchObject({ pages: 3, endedBy: 'done' });
    expect(pages.map((p) => p.index)).toEqual([1, 2, 3]);
    expect(pages.map((p) => path.basename(p.path))).toEqual(pngs(dir));
  });

  it('ends normally when the feeder runs empty (the test backend holds 10 sheets)', async () => {
    const { result, pages, dir } = await scan({ source: 'feeder' });
    expect(result).toMatchObject({ pages: 10, endedBy: 'feeder-empty' });
    expect(pages.map((p) => p.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(pngs(dir)).toHaveLength(10);
  });

  it('says the feeder is empty when not one sheet came through', async () => {
    const err = await failure(scan({ source: 'feeder', extraArgs: ['--read-return-value', 'SANE_STATUS_NO_DOCS'] }));
    expect(err.code).toBe('SCAN_FAILED');
    expect(err.message).toContain('送纸器中没有纸张');
  });
});

describe('scanner failures and cancelling', () => {
  it('reports a device I/O error in Chinese and leaves no file behind', async () => {
    const dir = outDir();
    const err = await failure(
      scan({ source: 'feeder', outDir: dir, extraArgs: ['--read-return-value', 'SANE_STATUS_IO_ERROR'] }),
    );
    expect(err.code).toBe('SCANNER_UNAVAILABLE');
    expect(err.message).toContain('扫描仪可能已断开');
    expect(err.details).toMatchObject({ pagesDelivered: 0, status: 'IO_ERROR' });
    expect(pngs(dir)).toEqual([]);
  });

  it('keeps the pages scanned before a jam mid-batch, and says how many', async () => {
    // The real driver, run twice by a wrapper: three good sheets, then a jam on the fourth.
    const wrapper = path.join(root, 'jamming-scanimage');
    fs.writeFileSync(
      wrapper,
      [
        '#!/bin/sh',
        'case " $* " in *" --batch="*) ;; *) exec scanimage "$@" ;; esac',
        'scanimage "$@" --batch-count=3 || exit $?',
        'exec scanimage "$@" --batch-start=4 --read-return-value SANE_STATUS_JAMMED',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const dir = outDir();
    const pages: number[] = [];
    const err = await failure(
      scan({ source: 'feeder', outDir: dir, bin: wrapper, onPage: (p) => void pages.push(p.index) }),
    );
    expect(err.code).toBe('SCAN_FAILED');
    expect(err.message).toBe('扫描仪卡纸，请取出卡住的纸张（已完成的 3 页已保存）');
    expect(err.details).toMatchObject({ pagesDelivered: 3, status: 'JAMMED' });
    expect(pages).toEqual([1, 2, 3]);
    expect(pngs(dir)).toEqual(['page-0001.png', 'page-0002.png', 'page-0003.png']);
  });

  it('says the scanner is unavailable when the device does not exist', async () => {
    const listed = await failure(deviceOptions('nosuch:0', { env }));
    expect(listed.code).toBe('SCANNER_UNAVAILABLE');
    const scanned = await failure(scan({ device: 'nosuch:0', source: 'flatbed' }));
    expect(scanned.code).toBe('SCANNER_UNAVAILABLE');
    expect(scanned.message).toContain('无法打开扫描仪');
  });

  it('cancels mid-page: pages already handed over stay, the half-written one is removed', async () => {
    const dir = outDir();
    const abort = new AbortController();
    const seen: number[] = [];
    const { result } = await scan({
      source: 'feeder',
      outDir: dir,
      signal: abort.signal,
      // About 0.4 s a page: slow enough to catch page 2 half-written.
      extraArgs: ['--read-delay=yes', '--read-delay-duration', '20000'],
      onPage: async (p) => {
        seen.push(p.index);
        const partial = path.join(dir, 'page-0002.png.part');
        for (let i = 0; i < 100 && !fs.existsSync(partial); i++) await new Promise((r) => setTimeout(r, 10));
        expect(fs.existsSync(partial)).toBe(true);
        abort.abort();
      },
    });
    expect(result).toMatchObject({ pages: 1, endedBy: 'cancelled' });
    expect(seen).toEqual([1]);
    expect(pngs(dir)).toEqual(['page-0001.png']);
  });

  it('gives up on a page that takes longer than the per-page limit', async () => {
    const dir = outDir();
    const started = Date.now();
    const err = await failure(
      scan({
        source: 'flatbed',
        outDir: dir,
        pageTimeoutMs: 500,
        extraArgs: ['--read-delay=yes', '--read-delay-duration', '200000'],
      }),
    );
    expect(err.code).toBe('SCAN_FAILED');
    expect(err.details).toMatchObject({ pagesDelivered: 0, status: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(pngs(dir)).toEqual([]);
  });
});
