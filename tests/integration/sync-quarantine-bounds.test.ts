/**
 * The quarantine keeps a refused bundle's metadata and manifests and a bounded sample of
 * its payload, never an unbounded copy: a 2 GB (sparse) file added to a bundle is listed
 * as omitted, not copied, and links and FIFOs are never followed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copySample, QUARANTINE_SAMPLE_BYTES } from '../../electron/core/sync/quarantine-sample';
import { copyBundle, dbBytesHash, makeSyncNodes, noise, type SyncNodes } from '../helpers/sync-nodes';
import { tempDir } from '../helpers/test-core';

let nodes: SyncNodes | undefined;
const cleanup: string[] = [];
afterEach(async () => {
  await nodes?.close();
  nodes = undefined;
  for (const d of cleanup.splice(0)) {
    execFileSync('chmod', ['-R', 'u+w', d]);
    fs.rmSync(d, { recursive: true, force: true });
  }
});

function scratch(): string {
  const d = tempDir('dangan-quarantine-');
  cleanup.push(d);
  return d;
}

/** Bytes actually stored under a folder (files only; links and FIFOs count nothing). */
function bytesUnder(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return n + bytesUnder(p);
    return n + (e.isFile() ? fs.statSync(p).blocks * 512 : 0);
  }, 0);
}

const GB2 = 2 * 1024 * 1024 * 1024;

describe('bounded quarantine', () => {
  it('keeps metadata, manifests and what fits of the payload; a 2 GB file is listed, not copied', async () => {
    nodes = await makeSyncNodes();
    const n = nodes;
    const items = await n.addItems(2);
    n.addPage(items[0]!.id, noise(30_000, 3));
    const clean = (await n.exportBundle()).dir;
    const bad = copyBundle(clean, path.join(scratch(), path.basename(clean)));
    const huge = path.join(bad, 'data', 'files', 'huge.age');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, GB2); // sparse: costs no disk
    const before = dbBytesHash(n.bureau);
    const r = await n.importBundle(bad, await n.stationFingerprint());
    expect(r.outcome, r.message).toBe('quarantined');
    expect(dbBytesHash(n.bureau)).toBe(before);

    const q = r.quarantine!;
    expect(bytesUnder(q.dir)).toBeLessThan(QUARANTINE_SAMPLE_BYTES);
    const kept = path.join(q.dir, 'bundle');
    for (const f of [
      'bagit.txt',
      'bag-info.txt',
      'manifest-sha256.txt',
      'tagmanifest-sha256.txt',
      'tagmanifest-sha256.txt.sig',
      'VERIFY.txt',
      'keys/station.pub.pem',
    ]) {
      expect(fs.readFileSync(path.join(kept, f)).equals(fs.readFileSync(path.join(bad, f))), f).toBe(true);
    }
    // The bundle's real payload fits and is kept whole.
    const payload = fs.readdirSync(path.join(clean, 'data', 'files'));
    expect(payload.length).toBeGreaterThan(0);
    for (const f of payload) expect(fs.existsSync(path.join(kept, 'data', 'files', f)), f).toBe(true);
    expect(fs.existsSync(path.join(kept, 'data', 'files', 'huge.age'))).toBe(false);

    const omitted = [{ path: 'data/files/huge.age', size: GB2, why: 'size' }];
    expect(q.sample).toMatchObject({ omittedCount: 1, omittedBytes: GB2, omitted });
    const reason = JSON.parse(fs.readFileSync(path.join(q.dir, 'reason.json'), 'utf8')) as typeof q;
    expect(reason.sample?.omitted).toEqual(omitted);
    const status = await n.bureau.ok('sync.status', {}, n.bureau.adminToken);
    const listed = 'quarantine' in status ? status.quarantine : [];
    expect(listed.find((e) => e.name === q.name)?.sample?.omitted).toEqual(omitted);

    // The clean bundle still applies.
    const ok = await n.importBundle(clean, await n.stationFingerprint());
    expect(ok.outcome, ok.message).toBe('applied');
  });

  it('fills the cap in order (metadata first), and never follows a link or opens a FIFO', () => {
    const src = scratch();
    const out = path.join(scratch(), 'bundle');
    fs.mkdirSync(path.join(src, 'data', 'files'), { recursive: true });
    fs.writeFileSync(path.join(src, 'bagit.txt'), 'BagIt-Version: 1.0\n');
    const half = Math.floor(QUARANTINE_SAMPLE_BYTES * 0.6);
    for (const f of ['a.age', 'b.age']) {
      fs.writeFileSync(path.join(src, 'data', 'files', f), '');
      fs.truncateSync(path.join(src, 'data', 'files', f), half);
    }
    fs.symlinkSync('/dev/zero', path.join(src, 'data', 'files', 'c.age'));
    execFileSync('mkfifo', [path.join(src, 'data', 'files', 'd.age')]);
    const files = ['data/files/a.age', 'data/files/b.age', 'data/files/c.age', 'data/files/d.age', 'bagit.txt'];

    const s = copySample(src, files, out);
    expect(s.copiedFiles).toBe(2);
    expect(s.copiedBytes).toBe(half + 'BagIt-Version: 1.0\n'.length);
    expect(s.omitted).toEqual([
      { path: 'data/files/b.age', size: half, why: 'size' },
      { path: 'data/files/c.age', size: 0, why: 'not-a-file' },
      { path: 'data/files/d.age', size: 0, why: 'not-a-file' },
    ]);
    expect(fs.readdirSync(path.join(out, 'data', 'files'))).toEqual(['a.age']);
    expect(fs.existsSync(path.join(out, 'bagit.txt'))).toBe(true);
  });
});
