/**
 * Fault injection: every damaged, foreign, revoked, replayed, out-of-order, forked or
 * gapped bundle is quarantined (never applied), the bureau database stays byte for byte
 * as it was, and the clean bundle still applies afterwards.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatManifest } from '../../electron/core/sync/bagit';
import { generateSigningKey, sha256Hex, signBytes } from '../../electron/core/sync/crypto';
import { copyBundle, dbBytesHash, makeSyncNodes, noise, PASSPHRASE, type SyncNodes } from '../helpers/sync-nodes';
import { makeTestCore, tempDir, type TestCore } from '../helpers/test-core';

let nodes: SyncNodes | undefined;
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  await nodes?.close();
  nodes = undefined;
  for (const f of cleanup.splice(0)) await f();
});

function scratch(): string {
  const d = tempDir('dangan-fault-');
  cleanup.push(() => {
    execFileSync('chmod', ['-R', 'u+w', d]);
    fs.rmSync(d, { recursive: true, force: true });
  });
  return d;
}

function filesOf(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? filesOf(dir, r) : [r];
  });
}

/** A station with one bundle applied and acknowledged, and a clean second bundle not yet imported. */
async function twoBundles(): Promise<{ n: SyncNodes; clean: string }> {
  nodes = await makeSyncNodes();
  const n = nodes;
  const items = await n.addItems(3);
  n.addPage(items[0]!.id, noise(40_000, 1));
  const first = await n.importBundle((await n.exportBundle()).dir, await n.stationFingerprint());
  await n.station.ok('sync.receipt.import', { file: first.receiptFile }, n.station.adminToken);
  const more = await n.addItems(2, '第二批');
  n.addPage(more[0]!.id, noise(30_000, 2));
  return { n, clean: (await n.exportBundle()).dir };
}

async function expectQuarantined(n: SyncNodes, dir: string, codes: string[], bureau: TestCore = n.bureau) {
  const before = dbBytesHash(bureau);
  const r = await bureau.ok('sync.bundle.import', { dir }, bureau.adminToken);
  expect(r.outcome, `${dir}: ${r.message}`).toBe('quarantined');
  expect(codes, `${dir}: ${r.code} ${r.message}`).toContain(r.code);
  expect(dbBytesHash(bureau)).toBe(before);
  expect(fs.existsSync(path.join(r.quarantine!.dir, 'reason.json'))).toBe(true);
  return r;
}

describe('bundle fault injection', () => {
  it('refuses a flipped bit, a truncation and a deletion in every file, and an added file; then the clean bundle applies', async () => {
    const { n, clean } = await twoBundles();
    const files = filesOf(clean);
    expect(files.length).toBe(9);
    const out = scratch();
    let k = 0;
    for (const f of files) {
      const sig = f.endsWith('.sig');
      const payload = f.startsWith('data/');
      // One flipped bit.
      const flipped = copyBundle(clean, path.join(out, `flip-${++k}`, path.basename(clean)));
      const p = path.join(flipped, f);
      const bytes = fs.readFileSync(p);
      const at = Math.floor(bytes.length / 2);
      bytes[at] = bytes[at]! ^ 0x01;
      fs.chmodSync(p, 0o644);
      fs.writeFileSync(p, bytes);
      await expectQuarantined(n, flipped, sig ? ['BUNDLE_BAD_SIGNATURE'] : ['BUNDLE_TAMPERED', 'BUNDLE_INCOMPLETE']);
      // Truncated.
      const cut = copyBundle(clean, path.join(out, `cut-${++k}`, path.basename(clean)));
      fs.truncateSync(path.join(cut, f), Math.floor(bytes.length / 2));
      await expectQuarantined(
        n,
        cut,
        // A cut payload file is a file that is not the listed one (a cut and a swap look alike).
        sig ? ['BUNDLE_BAD_SIGNATURE'] : payload ? ['BUNDLE_TAMPERED'] : ['BUNDLE_TAMPERED', 'BUNDLE_INCOMPLETE'],
      );
      // Deleted.
      const gone = copyBundle(clean, path.join(out, `gone-${++k}`, path.basename(clean)));
      fs.rmSync(path.join(gone, f));
      await expectQuarantined(n, gone, ['BUNDLE_INCOMPLETE', 'BUNDLE_TAMPERED']);
    }
    const added = copyBundle(clean, path.join(out, 'added', path.basename(clean)));
    fs.writeFileSync(path.join(added, 'data', 'extra.txt'), '多出来的文件');
    await expectQuarantined(n, added, ['BUNDLE_TAMPERED']);

    const ok = await n.importBundle(clean);
    expect(ok.outcome).toBe('applied');
  });

  it('refuses a bundle signed by another key (unknown, or another station’s), and a revoked key', async () => {
    const { n, clean } = await twoBundles();
    const out = scratch();
    // Re-signed with a key the bureau never saw: the embedded key swapped, manifests recomputed.
    const forge = (pair: { publicPem: string; privatePem: string }, name: string) => {
      const dir = copyBundle(clean, path.join(out, name, path.basename(clean)));
      const pem = path.join(dir, 'keys', 'station.pub.pem');
      fs.chmodSync(pem, 0o644);
      fs.writeFileSync(pem, pair.publicPem);
      const tags = ['VERIFY.txt', 'bag-info.txt', 'bagit.txt', 'keys/station.pub.pem', 'manifest-sha256.txt'].map(
        (p) => ({
          path: p,
          sha256: sha256Hex(fs.readFileSync(path.join(dir, p))),
        }),
      );
      const tm = Buffer.from(formatManifest(tags));
      fs.writeFileSync(path.join(dir, 'tagmanifest-sha256.txt'), tm);
      fs.writeFileSync(path.join(dir, 'tagmanifest-sha256.txt.sig'), signBytes(pair.privatePem, tm));
      return dir;
    };
    await expectQuarantined(n, forge(generateSigningKey(), 'unknown'), ['BUNDLE_UNKNOWN_KEY']);

    // Another enrolled station's key signing BG01's bundle.
    const other = generateSigningKey();
    const otherFp = (await import('../../electron/core/sync/crypto')).fingerprintOf(other.publicPem);
    await n.bureau.ok('sync.stations.add', { stationId: 'BG02', name: '南湖派出所', outDir: out }, n.bureau.adminToken);
    const { inTransaction } = await import('../../electron/core/kernel/tx');
    const { addTrustedKey } = await import('../../electron/core/sync/trust');
    const ctx = n.bureau.core.ctx;
    inTransaction(ctx, () => addTrustedKey(ctx, { id: null, name: 'test' }, 'BG02', other.publicPem, 1, 'test'));
    const r = await expectQuarantined(n, forge(other, 'other-station'), ['BUNDLE_UNKNOWN_KEY']);
    expect(r.message).toContain('BG02');
    expect(otherFp).toHaveLength(64);

    // Revoked after seq 1: bundle 2 is refused.
    await n.bureau.ok('sync.stations.revoke', { stationId: 'BG01', afterSeq: 1 }, n.bureau.adminToken);
    await expectQuarantined(n, clean, ['BUNDLE_REVOKED_KEY']);
  });

  it('replays are idempotent; older, out-of-order, forked and gapped bundles are quarantined', async () => {
    const { n, clean } = await twoBundles();
    // Bundle 3 written before bundle 2 was imported: both build on bundle 1 (the last acknowledged).
    await n.addItems(1, '第三批');
    const third = (await n.exportBundle()).dir;
    // A copy of the bureau before it imports anything more (for the gap below).
    n.bureau.core.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const bureauCopyDir = scratch();
    fs.cpSync(n.bureau.dir, bureauCopyDir, { recursive: true });
    // Out of order: 3 first (cumulative, builds on bundle 1: accepted), then 2 is older: quarantined.
    expect((await n.importBundle(third)).outcome).toBe('applied');
    await expectQuarantined(n, clean, ['BUNDLE_STALE']);
    // A replay of an applied bundle: nothing changes, the same receipt again.
    const before = dbBytesHash(n.bureau);
    expect((await n.importBundle(third)).outcome).toBe('duplicate');
    expect(dbBytesHash(n.bureau)).toBe(before);
    const r3 = path.join(n.stick, 'receipts', 'BG01');
    for (const f of fs.readdirSync(r3).filter((x) => x.endsWith('.json'))) {
      await n.station.ok('sync.receipt.import', { file: path.join(r3, f) }, n.station.adminToken);
    }

    // A copy of the station as it is now (for the fork below).
    n.station.core.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const stationCopyDir = scratch();
    fs.cpSync(n.station.dir, stationCopyDir, { recursive: true });

    // Gap: bundle 4 builds on bundle 3, which the older bureau copy never imported.
    await n.addItems(1, '第四批');
    const fourth = await n.exportBundle();
    expect(fourth.seq).toBe(4);
    const older = await makeTestCore({ setup: false, dir: bureauCopyDir });
    cleanup.push(() => older.core.close());
    older.adminToken = await older.login('admin', 'Adm1n-Passw0rd');
    await older.ok('sync.keys.unlock', { passphrase: PASSPHRASE }, older.adminToken);
    await expectQuarantined(n, fourth.dir, ['BUNDLE_CHAIN_BROKEN'], older);
    expect((await n.importBundle(fourth.dir)).outcome).toBe('applied');

    // Fork: the station copy (which never wrote bundle 4) writes a different bundle 4.
    const forked = await makeTestCore({ setup: false, dir: stationCopyDir });
    cleanup.push(() => forked.core.close());
    forked.adminToken = await forked.login('admin', 'Adm1n-Passw0rd');
    await forked.ok('sync.keys.unlock', { passphrase: PASSPHRASE }, forked.adminToken);
    await forked.ok('catalogue.create', { categoryId: n.ws, year: 2021, title: '另一条时间线' }, forked.adminToken);
    const forkStick = scratch();
    const fork = await forked.ok('sync.bundle.export', { outDir: forkStick }, forked.adminToken);
    expect(fork.seq).toBe(4);
    await expectQuarantined(n, fork.dir, ['BUNDLE_FORK']);
    // After all of it the station's next bundle still applies.
    await n.addItems(1, '第五批');
    expect((await n.importBundle((await n.exportBundle()).dir)).outcome).toBe('applied');
  });
});
