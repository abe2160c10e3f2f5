import { afterEach, beforeEach } from 'vitest';
import { categoryId, makeTestCore, type TestCore } from './test-core';

/**
 * A fresh archive per test with the id of its 文书 (WS) 门类, which the catalogue tests file
 * their 件 under: `ready` hands both to the test file's own variables.
 * Usage: `useWsCatalogue((f) => ({ t, ws } = f));`
 */
export function useWsCatalogue(ready: (fixture: { t: TestCore; ws: string }) => void): void {
  let t: TestCore | undefined;
  beforeEach(async () => {
    t = await makeTestCore();
    ready({ t, ws: await categoryId(t, 'WS') });
  });
  afterEach(() => t?.close());
}

/** A 件 of 文书 2011, 办公室 (BGS), with a usual title; `over` changes what a test is about. */
export const wsItem = (ws: string, over: Record<string, unknown> = {}) => ({
  categoryId: ws,
  year: 2011,
  orgCode: 'BGS',
  title: '关于加强户籍管理的通知',
  ...over,
});
