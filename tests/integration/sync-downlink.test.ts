/**
 * Downlink bundles (bureau → station): the county scheme, templates and trust list, signed
 * by the bureau key, verified against the pinned key, applied in one transaction through
 * the scheme and template code paths; stale, replayed, forked, tampered, foreign-signed and
 * misaddressed downlinks change nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DownlinkImportResult } from '../../electron/contract/downlink';
import type { CategoryView } from '../../electron/contract/dto';
import { dangan } from '../helpers/cli';
import {
  conflictingEdit,
  copyBundle,
  dbBytesHash,
  makeNode,
  makeSyncNodes,
  PASSPHRASE,
  type SyncNodes,
} from '../helpers/sync-nodes';
import { tempDir, type TestCore } from '../helpers/test-core';

let nodes: SyncNodes | undefined;
const extra: TestCore[] = [];
afterEach(async () => {
  await nodes?.close();
  nodes = undefined;
  for (const t of extra.splice(0)) await t.close();
});

async function renameCategory(t: TestCore, fullCode: string, name: string): Promise<void> {
  const c = (await t.ok('scheme.list', {}, t.adminToken)).find((x) => x.fullCode === fullCode)!;
  await t.ok('scheme.save', { ...saveInput(c), name }, t.adminToken);
}

const saveInput = (c: CategoryView) => ({
  id: c.id,
  parentId: c.parentId,
  code: c.code,
  name: c.name,
  defaultRetention: c.defaultRetention,
  arrangement: c.arrangement,
  codeTemplate: c.codeTemplate,
  volumeCodeTemplate: c.volumeCodeTemplate,
  fields: c.fields,
  sortOrder: c.sortOrder,
});

const exportDownlink = (n: SyncNodes, stationId = n.stationId, bureau = n.bureau) =>
  bureau.ok('sync.downlink.export', { stationId, outDir: n.stick }, bureau.adminToken);
const importDownlink = (n: SyncNodes, dir: string) =>
  n.station.call('sync.downlink.import', { dir }, n.station.adminToken);
const applied = async (n: SyncNodes, dir: string): Promise<DownlinkImportResult> => {
  const r = await importDownlink(n, dir);
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.value;
};
/** Imports a bundle that must be refused with `code`, and checks the station database did not change. */
async function refused(n: SyncNodes, dir: string, code: string): Promise<string> {
  const before = dbBytesHash(n.station);
  const r = await importDownlink(n, dir);
  expect(r.ok).toBe(false);
  if (r.ok) return '';
  expect(r.error.code).toBe(code);
  expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
  expect(dbBytesHash(n.station)).toBe(before);
  return r.error.message;
}

describe('downlink: bureau → station', () => {
  it('applies the scheme, a new category and a template through the audited code paths, once', async () => {
    nodes = await makeSyncNodes();
    const n = nodes;
    const { bureau, station } = n;
    await renameCategory(bureau, 'WS', '文书档案（县局统一）');
    const root = (await bureau.ok('scheme.list', {}, bureau.adminToken)).find((c) => c.fullCode === 'WS')!;
    await bureau.ok(
      'scheme.save',
      { ...saveInput(root), id: undefined, parentId: root.id, code: 'JQ', name: '警情通报', sortOrder: 5 },
      bureau.adminToken,
    );
    const tpl = await bureau.ok('forms.templates.get', { id: 'resident-registration' }, bureau.adminToken);
    await bureau.ok(
      'forms.templates.save',
      { template: { ...tpl, version: tpl.version + 1, name: '常住人口登记表（县局版）' } },
      bureau.adminToken,
    );

    const out = await exportDownlink(n);
    expect(path.basename(out.dir)).toBe('DGD-BG01-000001');
    expect(out.seq).toBe(1);
    expect(fs.existsSync(path.join(out.dir, 'tagmanifest-sha256.txt.sig'))).toBe(true);
    const verify = await station.ok('sync.bundle.verify', { dir: out.dir }, station.adminToken);
    expect(verify.ok).toBe(true);

    const changesBefore = station.count('change_log');
    const r = await applied(n, out.dir);
    expect(r.outcome).toBe('applied');
    expect(r.counts.created).toBe(1); // WS·JQ
    expect(r.counts.updated).toBe(2); // WS renamed, the built-in template replaced by the bureau's version
    expect(r.counts.skipped).toBe(0);
    const scheme = await station.ok('scheme.list', {}, station.adminToken);
    expect(scheme.find((c) => c.fullCode === 'WS')!.name).toBe('文书档案（县局统一）');
    expect(scheme.find((c) => c.fullCode === 'WS·JQ')!.name).toBe('警情通报');
    const t = await station.ok('forms.templates.get', { id: 'resident-registration' }, station.adminToken);
    expect(t.name).toBe('常住人口登记表（县局版）');
    // The same code paths as a clerk's edit: audit entries and change-log rows (they travel uplink).
    expect(station.count('change_log') - changesBefore).toBe(3);
    const audit = await station.ok('audit.list', { limit: 20 }, station.adminToken);
    const actions = audit.rows.map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['scheme.update', 'scheme.create', 'template.import', 'sync.downlink.import']),
    );
    expect((await station.ok('audit.verify', {}, station.adminToken)).ok).toBe(true);

    // The same bundle again changes nothing.
    const before = dbBytesHash(station);
    const again = await applied(n, out.dir);
    expect(again.outcome).toBe('duplicate');
    expect(dbBytesHash(station)).toBe(before);

    // Nothing new at the bureau: the next downlink applies and changes nothing.
    const second = await exportDownlink(n);
    expect(second.prevBundleId).toBe(out.bundleId);
    const r2 = await applied(n, second.dir);
    expect(r2.counts.created + r2.counts.updated).toBe(0);
  });

  it('keeps a station category that holds records on its own 档号 template and says so', async () => {
    nodes = await makeSyncNodes();
    const n = nodes;
    await n.addItems(1);
    const ws = (await n.bureau.ok('scheme.list', {}, n.bureau.adminToken)).find((c) => c.fullCode === 'WS')!;
    const before = (await n.station.ok('scheme.list', {}, n.station.adminToken)).find((c) => c.fullCode === 'WS')!;
    // DA/T 13 instead of DA/T 22: the bureau's WS holds nothing, the station's does.
    const dat13 = '{fonds}-{category}·{year}·{retention}[·{org}]-{item:3}';
    await n.bureau.ok('scheme.save', { ...saveInput(ws), name: '文书类', codeTemplate: dat13 }, n.bureau.adminToken);
    const r = await applied(n, (await exportDownlink(n)).dir);
    const change = r.changes.find((c) => c.key === 'WS')!;
    expect(change.outcome).toBe('updated');
    expect(change.note).toContain('档号模板保持本所原样');
    const after = (await n.station.ok('scheme.list', {}, n.station.adminToken)).find((c) => c.fullCode === 'WS')!;
    expect(after.name).toBe('文书类');
    expect(after.codeTemplate).toBe(before.codeTemplate);
  });

  it('refuses tampered, foreign-signed, misaddressed, stale and forked downlinks, changing nothing', async () => {
    nodes = await makeSyncNodes();
    const n = nodes;
    const first = await exportDownlink(n);

    // Tampered payload (the manifests no longer match).
    const bad = copyBundle(first.dir, path.join(tempDir('dangan-dl-'), 'DGD-BG01-000001'));
    const file = path.join(bad, 'data', 'downlink.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"WS"', '"XX"'));
    await refused(n, bad, 'BUNDLE_TAMPERED');

    // Signed by another bureau's key (a valid bag in itself): not the pinned key.
    const other = await makeNode('bureau', '别的县局', 'J900');
    extra.push(other);
    await other.ok(
      'sync.stations.add',
      { stationId: n.stationId, name: '北港派出所', outDir: tempDir('dangan-x-') },
      other.adminToken,
    );
    const foreignStick = tempDir('dangan-stick2-');
    const foreign = await other.ok(
      'sync.downlink.export',
      { stationId: n.stationId, outDir: foreignStick },
      other.adminToken,
    );
    await refused(n, foreign.dir, 'BUNDLE_BAD_SIGNATURE');

    // Addressed to another station.
    const stick2 = tempDir('dangan-stick3-');
    await n.bureau.ok(
      'sync.stations.add',
      { stationId: 'BG02', name: '南港派出所', outDir: stick2 },
      n.bureau.adminToken,
    );
    const forOther = await n.bureau.ok(
      'sync.downlink.export',
      { stationId: 'BG02', outDir: stick2 },
      n.bureau.adminToken,
    );
    await refused(n, forOther.dir, 'DOWNLINK_WRONG_STATION');

    // Out of order: 3 applies (a gap is fine: every downlink is a full snapshot), then 2 is stale.
    const second = await exportDownlink(n);
    await renameCategory(n.bureau, 'WS', '文书（三）');
    const third = await exportDownlink(n);
    expect((await applied(n, third.dir)).outcome).toBe('applied');
    const stale = await refused(n, second.dir, 'BUNDLE_STALE');
    expect(stale).toContain('第 2 号');
    await refused(n, first.dir, 'BUNDLE_STALE');

    // A bureau restored from a backup writes another bundle under number 3: a fork.
    fs.renameSync(third.dir, path.join(tempDir('dangan-seen-'), 'DGD-BG01-000003'));
    n.bureau.core.ctx.sqlite.prepare("DELETE FROM sync_downlinks_out WHERE station_id = 'BG01' AND seq = 3").run();
    await renameCategory(n.bureau, 'WS', '文书（分叉）');
    const fork = await exportDownlink(n);
    expect(fork.seq).toBe(3);
    const forkDir = copyBundle(fork.dir, path.join(tempDir('dangan-fork-'), 'DGD-BG01-000003'));
    fs.rmSync(fork.dir, { recursive: true });
    await refused(n, forkDir, 'BUNDLE_FORK');
    const scheme = await n.station.ok('scheme.list', {}, n.station.adminToken);
    expect(scheme.find((c) => c.fullCode === 'WS')!.name).toBe('文书（三）');

    // The station's next uplink bundle says which downlink it applied; the bureau chains on after it.
    await n.importBundle((await n.exportBundle()).dir, await n.stationFingerprint());
    const healed = await exportDownlink(n);
    expect(healed.seq).toBe(4);
    expect(healed.prevBundleId).toBe(third.bundleId);
    expect((await applied(n, healed.dir)).outcome).toBe('applied');
    const after = await n.station.ok('scheme.list', {}, n.station.adminToken);
    expect(after.find((c) => c.fullCode === 'WS')!.name).toBe('文书（分叉）');
  });

  it('works from the command line, and bundle import routes a downlink to the station', async () => {
    nodes = await makeSyncNodes();
    const n = nodes;
    // The CLI opens the same data directories: close the in-process cores first.
    await n.bureau.core.close();
    await n.station.core.close();
    const env = { ...process.env, DANGAN_KEY_PASSPHRASE: PASSPHRASE };
    const prev = process.env.DANGAN_KEY_PASSPHRASE;
    process.env.DANGAN_KEY_PASSPHRASE = PASSPHRASE;
    try {
      const e = dangan([
        'downlink',
        'export',
        '--data',
        n.bureau.dir,
        '--station-id',
        'BG01',
        '--out',
        n.stick,
        '--json',
      ]);
      expect(e.code, e.stderr).toBe(0);
      const dir = (JSON.parse(e.stdout) as { dir: string }).dir;
      const i = dangan(['bundle', 'import', '--data', n.station.dir, dir, '--json']);
      expect(i.code, i.stderr).toBe(0);
      expect((JSON.parse(i.stdout) as DownlinkImportResult).outcome).toBe('applied');
      const again = dangan(['downlink', 'import', '--data', n.station.dir, dir]);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('已应用过');
      const wrong = dangan(['downlink', 'import', '--data', n.bureau.dir, dir]);
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toContain('SYNC_WRONG_ROLE');
    } finally {
      if (prev === undefined) delete process.env.DANGAN_KEY_PASSPHRASE;
      else process.env.DANGAN_KEY_PASSPHRASE = prev;
      void env;
    }
  });

  it('tells the station how its conflicts were resolved, and switches to a rotated key the bureau trusts', async () => {
    nodes = await makeSyncNodes();
    const n = nodes;
    const { itemId, second: r2 } = await conflictingEdit(n, '恢复后另改');
    await n.station.ok('sync.receipt.import', { file: r2.receiptFile }, n.station.adminToken);
    const problems = async () => {
      const st = await n.station.ok('sync.status', {}, n.station.adminToken);
      if (st.role !== 'station') throw new Error('role');
      return st.problems.filter((p) => p.id === itemId);
    };
    expect((await problems()).map((p) => p.status)).toEqual(['conflict']);
    const [c] = await n.bureau.ok('sync.conflicts.list', {}, n.bureau.adminToken);
    await n.bureau.ok('sync.conflicts.resolve', { id: c!.id, action: 'theirs' }, n.bureau.adminToken);

    // Rotation: the next bundle announces the new key; the bureau trusts it from the next number.
    const oldKey = await n.stationFingerprint();
    const next = await n.station.ok('sync.keys.rotate', {}, n.station.adminToken);
    await n.importBundle((await n.exportBundle()).dir);

    const r = await applied(n, (await exportDownlink(n)).dir);
    expect(r.resolutions).toBe(1);
    expect(await problems()).toEqual([]);
    expect(r.rotated).toBe(true);
    const keys = await n.station.ok('sync.keys.get', {}, n.station.adminToken);
    expect(keys.sign!.fingerprint).toBe(next.next!.fingerprint);
    expect(keys.sign!.fingerprint).not.toBe(oldKey);
  });
});
