import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app';
import { CoreClosedError, defineService, serviceOf } from '../../electron/core/kernel';
import { loadScheme } from '../../electron/core/scheme/repo';
import { servicesOf } from '../../electron/core/scan/services';
import { hasVault, PassphraseVault, setKeyVault } from '../../electron/core/sync/vault';
import { categoryId, makeTestCore, tempDir, type TestCore } from '../helpers/test-core';

const open: TestCore[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function core(): Promise<TestCore> {
  const t = await makeTestCore();
  open.push(t);
  return t;
}

/** Lets queued callbacks (setImmediate, promise jobs) run, without waiting on the clock. */
const turn = () => new Promise<void>((r) => setImmediate(r));

async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000; i++) {
    if (ok()) return;
    await turn();
  }
  throw new Error(`never: ${what}`);
}

describe('core services', () => {
  it('a service still stopping delays close, and SQLite closes only after it', async () => {
    const t = await core();
    let finish!: () => void;
    const stopping = new Promise<void>((r) => (finish = r));
    let stopCalled = false;
    const slow = defineService({
      name: 'test.slow',
      create: () => ({ writes: 0 }),
      stop: async () => {
        stopCalled = true;
        await stopping;
      },
    });
    serviceOf(t.core.ctx, slow);
    let closed = false;
    const closing = t.core.close().then((f) => ((closed = true), f));
    await until('stop called', () => stopCalled);
    for (let i = 0; i < 20; i++) await turn();
    expect(closed).toBe(false);
    expect(t.core.ctx.sqlite.open).toBe(true);
    // While closing, no new service that would need stopping starts (a plain cache may).
    const late = defineService({ name: 'test.late', create: () => 1, stop: () => undefined });
    expect(() => serviceOf(t.core.ctx, late)).toThrow(CoreClosedError);
    expect(serviceOf(t.core.ctx, defineService({ name: 'test.cache', create: () => 2 }))).toBe(2);
    finish();
    expect(await closing).toEqual([]);
    expect(t.core.ctx.sqlite.open).toBe(false);
  });

  it('a failing stop is logged and returned, the other services still stop, and SQLite closes', async () => {
    const errors: [string, unknown][] = [];
    const dir = tempDir();
    const c = createCore({
      dataDir: dir,
      passwordCost: 2 ** 10,
      log: { info() {}, error: (m, x) => errors.push([m, x]) },
    });
    const order: string[] = [];
    const first = defineService({ name: 'test.first', create: () => 1, stop: () => void order.push('first') });
    const broken = defineService({
      name: 'test.broken',
      create: () => 2,
      stop: () => {
        order.push('broken');
        throw new Error('stuck worker');
      },
    });
    const last = defineService({ name: 'test.last', create: () => 3, stop: async () => void order.push('last') });
    serviceOf(c.ctx, first);
    serviceOf(c.ctx, broken);
    serviceOf(c.ctx, last);
    const failures = await c.close();
    expect(order).toEqual(['last', 'broken', 'first']); // newest first
    expect(failures).toHaveLength(1);
    expect(failures[0]!.name).toBe('test.broken');
    expect(String(failures[0]!.error)).toContain('stuck worker');
    expect(errors.map(([m]) => m)).toEqual(['停止服务“test.broken”时出错']);
    expect(c.ctx.sqlite.open).toBe(false);
    // Closing again is the same close, not a second one.
    expect(await c.close()).toBe(failures);
  });

  it('after close no service writes to SQLite: a running reindex is ended, rolled back and awaited', async () => {
    const t = await core();
    const errors: string[] = [];
    t.core.ctx.log = { info() {}, error: (m, x) => errors.push(`${m} ${String(x)}`) };
    const ws = await categoryId(t, 'WS');
    for (let i = 0; i < 3; i++)
      await t.ok('catalogue.create', { categoryId: ws, year: 2020, title: `文件${i}` }, t.adminToken);
    const meta = (key: string, db = t.core.ctx.sqlite) =>
      (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
    const generation = meta('search.generation');
    const { jobId } = await t.ok('search.reindex', {}, t.adminToken);
    const state = () => t.core.ctx.sqlite.prepare('SELECT state FROM jobs WHERE id = ?').pluck().get(jobId);
    await until('reindex running', () => state() === 'running');
    // The OCR runner and hot folder exist too, and stop with the rest.
    servicesOf(t.core.ctx);
    expect(await t.core.close()).toEqual([]);
    expect(t.core.ctx.sqlite.open).toBe(false);
    // Nothing was left to fail on a closed connection.
    for (let i = 0; i < 20; i++) await turn();
    expect(errors.filter((e) => /not open|closed/i.test(e))).toEqual([]);

    const again = createCore({ dataDir: t.dir, passwordCost: 2 ** 10, log: { info() {}, error() {} } });
    try {
      const row = again.ctx.sqlite.prepare('SELECT state, error FROM jobs WHERE id = ?').get(jobId) as {
        state: string;
        error: string;
      };
      expect(row.state).toBe('failed');
      expect(row.error).toContain('关闭');
      expect(meta('search.generation', again.ctx.sqlite)).toBe(generation); // the old index stands
    } finally {
      await again.close();
    }
  });

  it('a second core on another data folder shares no state with the first', async () => {
    const a = await core();
    const b = await core();
    const slot = defineService({ name: 'test.counter', create: () => ({ n: 0 }) });
    serviceOf(a.core.ctx, slot).n = 5;
    expect(serviceOf(b.core.ctx, slot).n).toBe(0);
    // Caches: a category renamed in A keeps its name in B's scheme.
    const ws = loadScheme(a.core.ctx).list.find((c) => c.code === 'WS')!;
    const before = loadScheme(b.core.ctx).list.find((c) => c.code === 'WS')!.name;
    await a.ok(
      'scheme.save',
      {
        id: ws.id,
        expectedVersion: ws.version,
        parentId: ws.parentId,
        code: ws.code,
        name: '文书（改名）',
        defaultRetention: ws.defaultRetention,
        arrangement: ws.arrangement,
        codeTemplate: ws.codeTemplate,
        volumeCodeTemplate: ws.volumeCodeTemplate,
        fields: ws.fields,
        sortOrder: ws.sortOrder,
      },
      a.adminToken,
    );
    expect(loadScheme(a.core.ctx).list.find((c) => c.code === 'WS')!.name).toBe('文书（改名）');
    expect(loadScheme(b.core.ctx).list.find((c) => c.code === 'WS')!.name).toBe(before);
    // The key vault unlocked in A is not unlocked in B.
    setKeyVault(a.core.ctx, new PassphraseVault('口令-A-12345678', 2 ** 10));
    expect(hasVault(a.core.ctx)).toBe(true);
    expect(hasVault(b.core.ctx)).toBe(false);
    // Each has its own digitization services; closing A leaves B's running.
    expect(servicesOf(a.core.ctx)).not.toBe(servicesOf(b.core.ctx));
    await a.close();
    open.splice(open.indexOf(a), 1);
    expect(b.core.ctx.sqlite.open).toBe(true);
    expect(servicesOf(b.core.ctx).runner.stats().workers).toBeGreaterThan(0);
    expect((await b.ok('search.status', {}, b.adminToken)).state).toBe('ready');
  });
});
