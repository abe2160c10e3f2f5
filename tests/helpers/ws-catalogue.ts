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

/** A 交通事故 (ZY·JT) case volume of 2016, 人民路事故, with one item filed in it by the administrator. */
export async function accidentVolumeWithItem(t: TestCore, title: string, accidentNo: string) {
  const jt = await categoryId(t, 'ZY·JT');
  const volume = await t.ok('volumes.create', { categoryId: jt, year: 2016, title: '人民路事故' }, t.adminToken);
  const item = await t.ok(
    'catalogue.create',
    { categoryId: jt, year: 2016, orgCode: '', volumeId: volume.id, title, extra: { accidentNo } },
    t.adminToken,
  );
  return { volume, item };
}
