import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../electron/contract/errors';
import { startBridge, type Bridge } from '../../electron/transports/http';
import { httpCaller } from '../helpers/http-client';
import { ADMIN, makeTestCore, tempDir, type TestCore } from '../helpers/test-core';

type Caller = (method: string, input: unknown, session?: string) => Promise<Result<unknown>>;

/**
 * One contract suite, run twice: straight through dispatch and over the HTTP bridge.
 * Both transports must give the same results, errors included.
 */
function contractSuite(name: string, make: () => Promise<{ call: Caller; done: () => Promise<void> }>) {
  describe(`contract over ${name}`, () => {
    let call: Caller;
    let done: () => Promise<void>;
    let token: string;
    beforeAll(async () => {
      ({ call, done } = await make());
      const login = await call('auth.login', ADMIN);
      if (!login.ok) throw new Error('login failed');
      token = (login.value as { token: string }).token;
    });
    afterAll(() => done());

    it('reports status without a session', async () => {
      expect(await call('system.status', {})).toMatchObject({
        ok: true,
        value: { setupDone: true, fondsCode: 'J001' },
      });
    });
    it('creates and reads back an item', async () => {
      const cats = (await call('scheme.list', {}, token)) as { ok: true; value: { id: string; code: string }[] };
      const ws = cats.value.find((c) => c.code === 'WS')!.id;
      const created = await call('catalogue.create', { categoryId: ws, year: 2020, title: '契约测试' }, token);
      expect(created).toMatchObject({ ok: true, value: { archiveCode: 'J001-WS·2020-Y-0001' } });
      const page = await call('catalogue.query', { limit: 10 }, token);
      expect(page).toMatchObject({ ok: true, value: { total: 1, rows: [{ title: '契约测试' }] } });
    });
    it('returns errors as results with stable codes and Chinese messages', async () => {
      expect(await call('catalogue.query', {})).toMatchObject({
        ok: false,
        error: { code: 'AUTH_REQUIRED', message: '请先登录' },
      });
      expect(await call('no.such.method', {}, token)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      expect(await call('catalogue.query', { limit: 'x' }, token)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
      expect(
        await call('catalogue.query', { sort: { column: 'title; DROP TABLE items', dir: 'asc' } }, token),
      ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(await call('catalogue.query', { filters: { title: "'; DROP TABLE items; --" } }, token)).toMatchObject({
        ok: true,
        value: { total: 0 },
      });
      expect(await call('auth.login', { username: 'admin', password: 'bad' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_CREDENTIALS' },
      });
      expect(await call('catalogue.query', { filters: { title: '契约' } }, token)).toMatchObject({
        ok: true,
        value: { total: 1 },
      });
    });
  });
}

contractSuite('in-process dispatch', async () => {
  const t: TestCore = await makeTestCore();
  return { call: (m, i, s) => t.core.dispatch(m as never, i, { sessionToken: s }), done: async () => t.close() };
});

let bridgeCore: TestCore;
let bridge: Bridge;
contractSuite('the HTTP bridge', async () => {
  bridgeCore = await makeTestCore();
  bridge = await startBridge(bridgeCore.core, { port: 0, staticDir: tempDir() });
  return {
    call: httpCaller(`http://127.0.0.1:${bridge.port}`, bridge.token),
    done: async () => {
      await bridge.close();
      await bridgeCore.close();
    },
  };
});

describe('bridge guards', () => {
  let t: TestCore;
  let b: Bridge;
  beforeAll(async () => {
    t = await makeTestCore();
    b = await startBridge(t.core, { port: 0, staticDir: tempDir() });
  });
  afterAll(async () => {
    await b.close();
    await t.close();
  });

  it('refuses a call without the bridge token', async () => {
    const r = await httpCaller(`http://127.0.0.1:${b.port}`, 'wrong-token')('system.status', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'BRIDGE_TOKEN_INVALID' } });
  });
  it('refuses another Origin even with the token', async () => {
    const r = await httpCaller(`http://127.0.0.1:${b.port}`, b.token)('system.status', {}, undefined, {
      origin: 'http://evil.example',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'ORIGIN_FORBIDDEN' } });
  });
  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: b.port,
          path: '/rpc',
          method: 'POST',
          headers: { host: `evil.example:${b.port}`, 'content-type': 'application/json', 'x-dangan-token': b.token },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.end(JSON.stringify({ method: 'system.status', input: {} }));
    });
    expect(status).toBe(403);
  });
  it('answers malformed JSON with a clear error', async () => {
    const res = await fetch(`http://127.0.0.1:${b.port}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dangan-token': b.token },
      body: '{oops',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
  it('listens on loopback only', () => {
    expect((b.server.address() as { address: string }).address).toBe('127.0.0.1');
  });
});
