/**
 * The 工作台's real first paint, for bench:reports: `dangan serve` on the bench archive, Debian's
 * Chromium through playwright-core (the e2e flags), the station head logs in and lands on the
 * dashboard; timed from the login submit until the tiles show and both chart canvases hold ink.
 * Needs the renderer built (`npm run build:renderer`) and /usr/bin/chromium; without them it says
 * why instead of a figure.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { log } from './stats';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Starts `dangan serve` on `dataDir` and resolves with its URL and a stop function. */
async function serve(dataDir: string) {
  const bin = path.join(ROOT, 'scripts', 'bin', 'dangan.mjs');
  const proc = spawn(process.execPath, [bin, 'serve', '--data', dataDir, '--no-open', '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 120_000);
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('http://'));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    proc.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
  };
  return { url, stop };
}

/** Seconds from login submit to a drawn 工作台 (tiles and both charts), or why it was not measured. */
export async function dashboardPaint(dataDir: string, user: { username: string; password: string }) {
  if (!fs.existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  if (!fs.existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html')))
    return { skipped: 'renderer not built (npm run build:renderer)' };
  const server = await serve(dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    page.setDefaultTimeout(60_000);
    // BENCH_PAINT_TRACE=1: each call the page makes after the submit, with its time (where it goes).
    if (process.env.BENCH_PAINT_TRACE)
      page.on('requestfinished', (r) => {
        const t = r.timing();
        log(`  ${Math.round(t.responseEnd)} ms ${r.url().slice(-40)} ${(r.postData() ?? '').slice(0, 80)}`);
      });
    await page.goto(server.url);
    await page.getByTestId('login-form').waitFor();
    await page.locator('#login-username').fill(user.username);
    await page.locator('#login-password').fill(user.password);
    const t0 = performance.now();
    await page.keyboard.press('Enter');
    await page
      .getByTestId('dash-tile-holdings')
      .waitFor()
      .catch(async (e) => {
        await page.screenshot({ path: '/tmp/benchfill-paint-fail.png' });
        throw e;
      });
    const tilesSeconds = Math.round(performance.now() - t0) / 1000;
    // Drawn: each chart's canvas has some pixel neither transparent nor white (the e2e test's rule).
    await page.waitForFunction(
      () =>
        ['progress', 'ocr'].every((id) => {
          const c = document.querySelector<HTMLCanvasElement>(`[data-testid="dash-chart-${id}"] canvas`);
          if (!c || !c.width) return false;
          const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          let ink = 0;
          for (let i = 0; i < d.length; i += 4)
            if (d[i + 3]! > 0 && (d[i]! < 240 || d[i + 1]! < 240 || d[i + 2]! < 240)) ink++;
          return ink > 200;
        }),
      undefined,
      { polling: 'raf' },
    );
    const seconds = Math.round(performance.now() - t0) / 1000;
    const holdings = await page.getByTestId('dash-holdings').innerText();
    log(`dashboard first paint: ${seconds} s (tiles ${tilesSeconds} s, ${holdings})`);
    return { seconds, tilesSeconds, holdings };
  } finally {
    await browser.close();
    await server.stop();
  }
}
