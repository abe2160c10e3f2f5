/**
 * Files from a stick or a typed path are read only if they are regular files (no link,
 * FIFO or device) inside the folder named, and never past a cap known before reading:
 * `/dev/zero` as a receipt or as a bundle's scan is refused at once (before the fix it
 * filled memory or hashed forever), a receipt larger than any receipt is refused without
 * being read, and a scan swapped in from another bundle is named as a wrong hash.
 * Every refusal changes nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RECEIPT_MAX_BYTES } from '../../electron/core/sync/receipt-format';
import { copyBundle, dbBytesHash, makeSyncNodes, noise, type SyncNodes } from '../helpers/sync-nodes';
import { tempDir } from '../helpers/test-core';

let nodes: SyncNodes | undefined;
const scratchDirs: string[] = [];
afterEach(async () => {
  await nodes?.close();
  nodes = undefined;
  for (const d of scratchDirs.splice(0)) {
    execFileSync('chmod', ['-R', 'u+w', d]);
    fs.rmSync(d, { recursive: true, force: true });
  }
});

function scratch(): string {
  const d = tempDir('dangan-bounded-');
  scratchDirs.push(d);
  return d;
}

/** A station whose first bundle is applied and acknowledged, and a second bundle not yet imported. */
async function twoBundles(): Promise<{ n: SyncNodes; first: string; second: string }> {
  nodes = await makeSyncNodes();
  const n = nodes;
  const items = await n.addItems(3);
  n.addPage(items[0]!.id, noise(30_000, 1));
  const first = (await n.exportBundle()).dir;
  const r = await n.importBundle(first, await n.stationFingerprint());
  await n.station.ok('sync.receipt.import', { file: n.receiptOf(r) }, n.station.adminToken);
  const more = await n.addItems(2, '第二批');
  // A little larger than the first scan, yet smaller than the first bundle's whole payload.
  n.addPage(more[0]!.id, noise(32_000, 2));
  return { n, first, second: (await n.exportBundle()).dir };
}

const scanOf = (bundle: string): string => {
  const names = fs.readdirSync(path.join(bundle, 'data', 'files'));
  expect(names).toHaveLength(1);
  return `data/files/${names[0]}`;
};

/** The sha256 a bundle's payload manifest lists for a file. */
const manifestSha = (bundle: string, rel: string): string => {
  const line = fs
    .readFileSync(path.join(bundle, 'manifest-sha256.txt'), 'utf8')
    .split('\n')
    .find((l) => l.trim().endsWith(` ${rel}`));
  return line!.split(/\s+/)[0]!;
};

/** Replaces one file of a bundle copy (the copy is read-only as written). */
function replace(bundle: string, rel: string, put: (file: string) => void): void {
  const file = path.join(bundle, ...rel.split('/'));
  fs.chmodSync(path.dirname(file), 0o755);
  fs.rmSync(file);
  put(file);
}

/** Imports at the bureau and checks the refusal left its database as it was. */
async function expectRefused(n: SyncNodes, dir: string) {
  const before = dbBytesHash(n.bureau);
  const r = await n.bureau.ok('sync.bundle.import', { dir }, n.bureau.adminToken);
  expect(r.outcome, r.message).toBe('quarantined');
  expect(dbBytesHash(n.bureau)).toBe(before);
  const v = await n.bureau.ok('sync.bundle.verify', { dir }, n.bureau.adminToken);
  expect(v.ok).toBe(false);
  const integrity = v.checks.find((c) => c.name === 'integrity')!;
  const reason = JSON.parse(fs.readFileSync(path.join(r.quarantine!.dir, 'reason.json'), 'utf8')) as {
    details: { problems: { code: string; file?: string; details?: unknown }[] };
  };
  return { code: r.code, message: r.message ?? '', verify: integrity, problems: reason.details.problems };
}

describe('receipts are read only as small regular files', () => {
  it('refuses a link to /dev/zero, a FIFO and an oversized file as the receipt, changing nothing', async () => {
    nodes = await makeSyncNodes();
    const n = nodes;
    await n.addItems(1);
    const r = await n.importBundle((await n.exportBundle()).dir, await n.stationFingerprint());
    const real = n.receiptOf(r);
    const dir = scratch();
    const cases: [string, (file: string) => void, RegExp][] = [
      ['zero.json', (f) => fs.symlinkSync('/dev/zero', f), /不是普通文件/],
      ['fifo.json', (f) => execFileSync('mkfifo', [f]), /不是普通文件/],
      ['huge.json', (f) => fs.truncateSync((fs.writeFileSync(f, ''), f), RECEIPT_MAX_BYTES + 1), /过大/],
      // A good signature beside a link to a good receipt: still a link, still refused.
      ['link.json', (f) => fs.symlinkSync(real, f), /不是普通文件/],
    ];
    const before = dbBytesHash(n.station);
    for (const [name, make, message] of cases) {
      const file = path.join(dir, name);
      make(file);
      fs.copyFileSync(real.replace(/\.json$/, '.sig'), file.replace(/\.json$/, '.sig'));
      const res = await n.station.call('sync.receipt.import', { file }, n.station.adminToken);
      expect(res.ok, name).toBe(false);
      if (res.ok) continue;
      expect(res.error.code, name).toBe('RECEIPT_INVALID');
      expect(res.error.message, name).toMatch(message);
      expect(res.error.message, name).toContain(file);
      expect(dbBytesHash(n.station), name).toBe(before);
    }
    // The signature file is held to the same rule.
    const withBadSig = path.join(dir, 'sig.json');
    fs.copyFileSync(real, withBadSig);
    fs.symlinkSync('/dev/zero', path.join(dir, 'sig.sig'));
    const res = await n.station.call('sync.receipt.import', { file: withBadSig }, n.station.adminToken);
    expect(res.ok || res.error.code).toBe('RECEIPT_INVALID');
    expect(res.ok || res.error.message).toMatch(/签名文件不是普通文件/);
    // The real receipt still applies.
    const ok = await n.station.ok('sync.receipt.import', { file: real }, n.station.adminToken);
    expect(ok.status).toBe('applied');
  });
});

describe('a bundle’s listed files are regular files inside the bundle, read within Payload-Oxum', () => {
  it('refuses a scan replaced by a link to /dev/zero, a FIFO, or a folder linked out of the bundle, as tampered', async () => {
    const { n, second } = await twoBundles();
    const out = scratch();
    const scan = scanOf(second);

    const zero = copyBundle(second, path.join(out, 'zero', path.basename(second)));
    replace(zero, scan, (f) => fs.symlinkSync('/dev/zero', f));
    const z = await expectRefused(n, zero);
    expect(z.code).toBe('BUNDLE_TAMPERED');
    expect(z.message).toContain(scan);
    expect(z.message).toMatch(/不是普通文件/);
    expect(z.verify.code).toBe('BUNDLE_TAMPERED');
    expect(z.verify.message).toContain(scan);

    const fifo = copyBundle(second, path.join(out, 'fifo', path.basename(second)));
    replace(fifo, scan, (f) => execFileSync('mkfifo', [f]));
    const q = await expectRefused(n, fifo);
    expect(q.code).toBe('BUNDLE_TAMPERED');
    expect(q.message).toContain(scan);

    // The scans' folder is a link to a copy outside the bundle (same bytes): not read.
    const outside = copyBundle(second, path.join(out, 'outside', path.basename(second)));
    const elsewhere = path.join(out, 'elsewhere');
    fs.cpSync(path.join(outside, 'data', 'files'), elsewhere, { recursive: true });
    fs.chmodSync(path.join(outside, 'data'), 0o755);
    execFileSync('chmod', ['-R', 'u+w', path.join(outside, 'data', 'files')]);
    fs.rmSync(path.join(outside, 'data', 'files'), { recursive: true });
    fs.symlinkSync(elsewhere, path.join(outside, 'data', 'files'));
    const o = await expectRefused(n, outside);
    expect(o.code).toBe('BUNDLE_TAMPERED');
    expect(o.message).toContain(scan);

    // A scan larger than the whole declared payload (sparse: nothing written) is not hashed.
    // (Kept modest: quarantine still copies a refused bundle whole, a separate part of the issue.)
    const big = copyBundle(second, path.join(out, 'big', path.basename(second)));
    replace(big, scan, (f) => fs.truncateSync((fs.writeFileSync(f, ''), f), 64 * 1024 * 1024));
    const b = await expectRefused(n, big);
    expect(b.code).toBe('BUNDLE_TAMPERED');
    expect(b.message).toContain(scan);
    expect(b.message).toMatch(/超过允许的大小/);

    // Tag files too: the tag manifest as a link to /dev/zero is refused as such, not as missing.
    const tag = copyBundle(second, path.join(out, 'tag', path.basename(second)));
    replace(tag, 'tagmanifest-sha256.txt', (f) => fs.symlinkSync('/dev/zero', f));
    const t = await expectRefused(n, tag);
    expect(t.code).toBe('BUNDLE_TAMPERED');
    expect(t.message).toMatch(/tagmanifest-sha256\.txt 不是普通文件/);

    const ok = await n.importBundle(second);
    expect(ok.outcome).toBe('applied');
  });

  it('names a payload file swapped in from another bundle as a wrong hash, larger or smaller, never as 截断', async () => {
    const { n, first, second } = await twoBundles();
    const out = scratch();
    const swaps: [string, string, string][] = [
      // Into the new bundle: the first bundle's smaller scan (the payload falls short), and its changes file.
      [second, first, scanOf(second)],
      [second, first, 'data/changes.ndjson.age'],
      // Into a copy of the first: the second bundle's larger scan.
      [first, second, scanOf(first)],
    ];
    let k = 0;
    for (const [target, from, rel] of swaps) {
      const dir = copyBundle(target, path.join(out, `swap-${++k}`, path.basename(target)));
      const source = rel.startsWith('data/files/') ? scanOf(from) : rel;
      replace(dir, rel, (f) => fs.copyFileSync(path.join(from, ...source.split('/')), f));
      const got = await expectRefused(n, dir);
      expect(got.message, rel).toMatch(/哈希与清单不符/);
      expect(got.message, rel).toContain(rel);
      expect(got.message, rel).not.toMatch(/截断/);
      expect(got.verify.message, rel).toContain(rel);
      expect(got.verify.message, rel).not.toMatch(/截断/);
      expect(got.code, rel).toBe('BUNDLE_TAMPERED');
      // What the manifest lists and what is there, hash and size, kept in the quarantine's reason.json.
      const found = fs.statSync(path.join(from, ...source.split('/'))).size;
      const listedSha = manifestSha(target, rel);
      expect(got.problems.find((p) => p.file === rel)?.details, rel).toEqual({
        file: rel,
        listed: { sha256: listedSha, size: fs.statSync(path.join(target, ...rel.split('/'))).size },
        found: { sha256: manifestSha(from, source), size: found },
      });
      // The first swap leaves the payload short of Payload-Oxum: the case once reported as 截断.
      if (k === 1) {
        expect(found).toBeLessThan(fs.statSync(path.join(target, ...rel.split('/'))).size);
        expect(got.message).toContain(`清单所列文件为 ${fs.statSync(path.join(target, ...rel.split('/'))).size} 字节`);
      }
    }
    expect((await n.importBundle(second)).outcome).toBe('applied');
  });
});
