/**
 * Where PP-OCR's inference runs: a child process by default (its own malloc settings, a
 * crash or an overrun kills only it), a worker thread on request. Real ONNX Runtime and
 * models; the pages are generated scans.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGrey, type GreyImage } from '../../electron/core/imaging/raw';
import { PpocrEngine } from '../../electron/core/ocr/ppocr/engine';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

/** A page of printed lines, as grey pixels. */
async function page(lines: string[]): Promise<GreyImage> {
  const rows = lines.map(
    (t, i) => `<text x="120" y="${200 + i * 90}" font-family="Noto Sans CJK SC" font-size="44">${t}</text>`,
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1654" height="2339"><rect width="100%" height="100%" fill="#fff"/>${rows.join('')}</svg>`;
  return loadGrey(await sharp(Buffer.from(svg)).png().toBuffer());
}

const LINES = ['常住人口登记表', '公民身份号码 330106196310030473', '浙江省杭州市西湖区文三路90号'];
let img: GreyImage;

beforeAll(async () => {
  img = await page(LINES);
});

describe('PP-OCR in a child process', () => {
  let engine: PpocrEngine;
  beforeAll(async () => {
    engine = new PpocrEngine({ threads: 2 });
    await engine.warm();
  }, 120_000);
  afterAll(() => engine?.close());

  it('reads a page in a separate process, which ends with the engine', async () => {
    const [pid] = engine.hostPids;
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(process.pid);
    const out = await engine.readPage(img);
    expect(out.lines.map((l) => l.text.replace(/\s+/g, ''))).toEqual(LINES.map((l) => l.replace(/\s+/g, '')));
    const other = new PpocrEngine({ threads: 1 });
    await other.warm();
    const [otherPid] = other.hostPids;
    await other.close();
    expect(await waitGone(otherPid!)).toBe(true);
  }, 120_000);

  it('a host that dies mid-page fails that page only; the next page gets a fresh host', async () => {
    const [pid] = engine.hostPids;
    const reading = engine.readPage(img);
    setTimeout(() => process.kill(pid!, 'SIGKILL'), 100);
    await expect(reading).rejects.toMatchObject({ code: 'OCR_FAILED', message: expect.stringMatching(/意外退出/) });
    const out = await engine.readPage(img);
    expect(out.lines).toHaveLength(LINES.length);
    expect(engine.hostPids[0]).not.toBe(pid);
  }, 120_000);
});

describe('time limits and the thread transport', () => {
  it('a page past its time limit kills its host process', async () => {
    const engine = new PpocrEngine({ threads: 1, timeoutMs: 150 });
    try {
      await engine.warm();
      const [pid] = engine.hostPids;
      await expect(engine.readPage(img)).rejects.toMatchObject({ code: 'OCR_TIMEOUT' });
      expect(await waitGone(pid!)).toBe(true);
      expect(engine.hostPids).toEqual([]);
    } finally {
      await engine.close();
    }
  }, 120_000);

  it('reads the same in a worker thread (no child process)', async () => {
    const engine = new PpocrEngine({ threads: 2, host: 'thread' });
    try {
      await engine.warm();
      expect(engine.hostPids).toEqual([]);
      const out = await engine.readPage(img);
      expect(out.lines.map((l) => l.text.replace(/\s+/g, ''))).toEqual(LINES.map((l) => l.replace(/\s+/g, '')));
    } finally {
      await engine.close();
    }
  }, 120_000);

  it('a host that cannot start is OCR_ENGINE_UNAVAILABLE, so callers fall back', async () => {
    const engine = new PpocrEngine({
      threads: 1,
      host: (_init, on) => {
        setTimeout(() => on.exit('退出码 1'), 10);
        return { pid: null, post: () => undefined, terminate: async () => undefined };
      },
    });
    await expect(engine.warm()).rejects.toMatchObject({ code: 'OCR_ENGINE_UNAVAILABLE' });
    await engine.close();
  });
});
