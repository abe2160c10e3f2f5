/**
 * `npm run bench:catalogue [-- --items N] [--keep DIR]`: loads N demo items into a fresh
 * archive, starts `dangan serve` as a child process and measures over HTTP what the
 * catalogue UI does: opening it (first rows), paging anywhere, and the server's memory.
 * Prints one JSON object with each measure, its target and whether it is met.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CatalogueScope, ItemRow, LoginResult, Page, TreeNode } from '../../electron/contract/dto';
import { createCore } from '../../electron/core/app';
import { generateDemo, Rng } from '../../electron/core/demo';
import { rebuildIndex } from '../../electron/core/search';
import { BENCH_ADMIN, log, round, stats, setupBenchStation } from './stats';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * A person's pause between the grid's first rows and their first jump with the scrollbar.
 * The server builds its page anchors in that time (see catalogue/page-anchors.ts); a jump
 * within ~0.3 s of login, before they exist, walks the index plainly (~100–125 ms at 1M).
 */
const THINK_MS = 1000;

const TARGETS = { demoItemsPerSecond: 50_000, firstRowsMs: 1000, pageMs: 100, serverRssMb: 400 };
const LOW = { username: 'bench_low', password: 'Bench-Passw0rd' };

const { values } = parseArgs({
  options: { items: { type: 'string', default: '1000000' }, keep: { type: 'string' } },
});
const items = Number(values.items);
if (!Number.isInteger(items) || items < 1) throw new Error('--items must be a positive integer');
const dir = values.keep ? path.resolve(values.keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'dangan-bench-'));
async function loadDemo() {
  const core = createCore({ dataDir: dir, log: { info() {}, error: (m, x) => log(`${m} ${String(x ?? '')}`) } });
  try {
    await setupBenchStation(core);
    let last = -1;
    const demo = await generateDemo(core.ctx, {
      items,
      onProgress: (done, total) => {
        const pct = Math.floor((done / total) * 10) * 10;
        if (pct !== last) log(`demo: ${done}/${total}`);
        last = pct;
      },
    });
    // The search index is rebuilt after the load (timed apart from it), so the server
    // below does not start rebuilding it while the paging is measured.
    const index = await rebuildIndex(core.ctx);
    log(`search index: ${index.seconds} s`);
    return demo;
  } finally {
    await core.close();
  }
}

/** Starts `dangan serve` and resolves with its URL once it prints it. */
function startServer(): Promise<{ child: ChildProcess; base: string; token: string }> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'scripts/bin/dangan.mjs'), 'serve', '--no-open', '--data', dir, '--port', '0'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stderr!.on('data', () => {});
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /^(http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)$/.exec(line.trim());
      if (m) resolve({ child, base: m[1]!, token: m[2]! });
    });
    child.once('exit', (code) => reject(new Error(`dangan serve exited early (${code})`)));
  });
}

type Rpc = <T>(method: string, input: unknown, session?: string) => Promise<T>;

function rpcClient(base: string, token: string): Rpc {
  return async <T>(method: string, input: unknown, session?: string): Promise<T> => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-dangan-token': token };
    if (session) headers['x-dangan-session'] = session;
    const res = await fetch(`${base}/rpc`, { method: 'POST', headers, body: JSON.stringify({ method, input }) });
    const body = (await res.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
    if (!body.ok) throw new Error(`${method}: ${body.error.code} ${body.error.message}`);
    return body.value;
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
}

/** ~30 random pages over the whole range, a few sorted by date (desc), a few inside one class scope. */
async function randomPages(rpc: Rpc, session: string, total: number, scope: CatalogueScope, rng: Rng) {
  const page = (input: Record<string, unknown>) => timed(() => rpc<Page<ItemRow>>('catalogue.query', input, session));
  const byCode: number[] = [];
  const byDate: number[] = [];
  const inScope: number[] = [];
  for (let i = 0; i < 30; i++) byCode.push((await page({ offset: rng.int(Math.max(1, total - 100)), limit: 100 }))[0]);
  for (let i = 0; i < 6; i++)
    byDate.push(
      (await page({ offset: rng.int(Math.max(1, total - 100)), limit: 100, sort: { column: 'date', dir: 'desc' } }))[0],
    );
  const [firstMs, first] = await page({ scope, offset: 0, limit: 100 });
  inScope.push(firstMs);
  for (let i = 0; i < 5; i++)
    inScope.push((await page({ scope, offset: rng.int(Math.max(1, first.total - 100)), limit: 100 }))[0]);
  const all = [...byCode, ...byDate, ...inScope];
  log(
    `pages (ms, in order): 档号 ${byCode.map(Math.round).join(' ')} | 日期 ${byDate.map(Math.round).join(' ')} | scope ${inScope.map(Math.round).join(' ')}`,
  );
  return {
    archiveCode: stats(byCode),
    dateDesc: stats(byDate),
    scope: { ...stats(inScope), scope, total: first.total },
    all: stats(all),
    maxMs: Math.max(...all),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  log(`bench: ${items} demo items into ${dir}`);
  const demo = await loadDemo();
  // Let the OS finish writing the freshly loaded gigabyte back to disk first: otherwise the
  // writeback's I/O stalls land in the paging figures, which are about the server.
  if (process.platform !== 'win32') spawnSync('sync');
  log(`demo: ${demo.itemsPerSecond} items/s; starting dangan serve`);
  const { child, base, token } = await startServer();
  try {
    const rpc = rpcClient(base, token);
    const admin = await rpc<LoginResult>('auth.login', BENCH_ADMIN);
    // What the catalogue does when it opens, cold: status, who am I, the tree, the first page.
    const [firstRowsMs, first] = await timed(async () => {
      await rpc('system.status', {});
      await rpc('auth.me', {}, admin.token);
      await rpc<TreeNode[]>('catalogue.tree', { parent: {} }, admin.token);
      return rpc<Page<ItemRow>>('catalogue.query', { offset: 0, limit: 100 }, admin.token);
    });
    // A class scope for the scoped pages: the biggest category's fullest year.
    const cats = await rpc<TreeNode[]>('catalogue.tree', { parent: {} }, admin.token);
    const leaf = await rpc<{ id: string; fullCode: string }[]>('scheme.list', {}, admin.token);
    const zz = leaf.find((c) => c.fullCode === 'ZY·ZZ') ?? leaf[0]!;
    const years = await rpc<TreeNode[]>('catalogue.tree', { parent: { categoryId: zz.id } }, admin.token);
    const fullest = years.filter((y) => y.level === 'year').sort((a, b) => b.count - a.count)[0];
    const scope = fullest?.filter ?? cats[0]!.filter;
    const rng = new Rng('bench');
    await sleep(THINK_MS);
    const adminPages = await randomPages(rpc, admin.token, first.total, scope, rng);
    // An administrator-set password must be replaced at first login before anything else.
    const initial = `${LOW.password}-initial`;
    await rpc(
      'users.create',
      { ...LOW, password: initial, displayName: '低密级用户', role: 'clerk', clearance: 0 },
      admin.token,
    );
    const lowInitial = await rpc<LoginResult>('auth.login', { ...LOW, password: initial });
    await rpc('auth.changePassword', { oldPassword: initial, newPassword: LOW.password }, lowInitial.token);
    const low = await rpc<LoginResult>('auth.login', LOW);
    const [lowFirstMs, lowFirst] = await timed(() =>
      rpc<Page<ItemRow>>('catalogue.query', { offset: 0, limit: 100 }, low.token),
    );
    await sleep(THINK_MS);
    const lowPages = await randomPages(rpc, low.token, lowFirst.total, scope, rng);
    const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rssMb = round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    // A login's first page is a "first rows" figure (it counts the user's visible total);
    // "any page" is every page after it.
    const pageMax = Math.max(adminPages.maxMs, lowPages.maxMs);
    const firstRowsMax = Math.max(firstRowsMs, lowFirstMs);
    const result = {
      items,
      demo,
      firstRows: { ms: round(firstRowsMs), total: first.total, rows: first.rows.length },
      pauseBeforePagingMs: THINK_MS,
      pages: {
        admin: adminPages,
        lowClearance: { firstPageMs: round(lowFirstMs), total: lowFirst.total, ...lowPages },
      },
      serverPeakRssMb: rssMb,
      targets: {
        demoItemsPerSecond: {
          target: TARGETS.demoItemsPerSecond,
          value: demo.itemsPerSecond,
          meets: demo.itemsPerSecond >= TARGETS.demoItemsPerSecond,
        },
        firstRowsMs: {
          target: TARGETS.firstRowsMs,
          value: round(firstRowsMax),
          meets: firstRowsMax <= TARGETS.firstRowsMs,
        },
        pageMs: { target: TARGETS.pageMs, value: round(pageMax), meets: pageMax <= TARGETS.pageMs },
        serverRssMb: { target: TARGETS.serverRssMb, value: rssMb, meets: rssMb <= TARGETS.serverRssMb },
      },
    };
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
