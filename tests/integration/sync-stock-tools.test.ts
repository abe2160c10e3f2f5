import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBundle } from '../../electron/core/sync/export';
import { dangan } from '../helpers/cli';
import { PASSPHRASE, makeSyncNodes, noise, type SyncNodes } from '../helpers/sync-nodes';
import { tempDir } from '../helpers/test-core';

let nodes: SyncNodes | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await nodes?.close();
  nodes = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const sh = (cmd: string, cwd: string) => spawnSync('sh', ['-c', cmd], { cwd, encoding: 'buffer' });
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('bundles check out with stock tools (sha256sum, openssl, age)', () => {
  it('runs every command of VERIFY.txt, decrypts every payload file with Debian age, and verifies the receipt with openssl', async () => {
    nodes = await makeSyncNodes();
    const n = nodes;
    const items = await n.addItems(4);
    const big = noise(250_000, 7);
    const bigSha = n.addPage(items[0]!.id, big);
    const small = n.addPage(items[1]!.id, noise(10_000, 8));
    // Small parts so the split path (FAT32's 4 GiB limit) runs: 250 kB → three parts.
    const ctx = n.station.core.ctx;
    const b = await ctx.lock.run(() =>
      exportBundle(ctx, { id: null, name: 'test' }, { outDir: n.stick, partLimit: 100_000 }),
    );
    const parts = fs.readdirSync(path.join(b.dir, 'data', 'files')).sort();
    expect(parts).toEqual(
      [`${bigSha}.part001.age`, `${bigSha}.part002.age`, `${bigSha}.part003.age`, `${small}.age`].sort(),
    );

    const work = tempDir('dangan-verify-');
    dirs.push(work);
    const identity = path.join(work, 'bureau-identity.txt');
    await n.bureau.ok('sync.keys.exportIdentity', { outFile: identity }, n.bureau.adminToken);
    expect(fs.statSync(identity).mode & 0o077).toBe(0);

    // Every command VERIFY.txt lists, as written (identity and output paths pointed at the temp folder).
    const commands = fs
      .readFileSync(path.join(b.dir, 'VERIFY.txt'), 'utf8')
      .split('\n')
      .filter((l) => /^ {3}(sha256sum|openssl|age|for|cat) /.test(l))
      .map((l) =>
        l.trim().replaceAll('bureau-identity.txt', identity).replace('> changes.ndjson', `> ${work}/changes.ndjson`),
      );
    expect(commands.length).toBe(7);
    for (const c of commands) {
      const r = sh(c, b.dir);
      expect(r.status, `${c}\n${r.stderr.toString()}`).toBe(0);
      if (c.startsWith('cat ')) expect(r.stdout.toString()).toContain(b.bundleId);
      if (c.startsWith('openssl pkey ')) expect(r.stdout.toString()).toContain(await n.stationFingerprint());
    }
    // Authenticity against the key from the station itself (what the bureau's trust list holds).
    const pem = dangan(['keys', 'public', '--data', n.station.dir, '--pem']);
    expect(pem.code).toBe(0);
    fs.writeFileSync(path.join(work, 'station.pub.pem'), pem.stdout);
    const verified = sh(
      `openssl pkeyutl -verify -pubin -inkey ${work}/station.pub.pem -rawin -in tagmanifest-sha256.txt -sigfile tagmanifest-sha256.txt.sig`,
      b.dir,
    );
    expect(verified.status, verified.stderr.toString()).toBe(0);

    // age decrypts the changes and every scan; plaintext hashes match the index and the names.
    const lines = fs.readFileSync(`${work}/changes.ndjson`, 'utf8').trim().split('\n');
    expect(lines.length).toBe(b.records);
    const referenced = new Set(lines.flatMap((l) => (JSON.parse(l) as { files: string[] }).files));
    for (const sha of [bigSha, small]) {
      expect(referenced.has(sha)).toBe(true);
      const files = parts.filter((p) => p.startsWith(sha));
      const plain = Buffer.concat(
        files.map((f) => execFileSync('age', ['-d', '-i', identity, path.join(b.dir, 'data', 'files', f)])),
      );
      expect(sha256(plain)).toBe(sha);
    }
    expect(
      sha256(
        Buffer.concat(
          parts
            .filter((p) => p.startsWith(bigSha))
            .map((f) => execFileSync('age', ['-d', '-i', identity, path.join(b.dir, 'data', 'files', f)])),
        ),
      ),
    ).toBe(sha256(big));

    // The bureau's receipt verifies with openssl against the bureau key the station pinned.
    const r = await n.importBundle(b.dir, await n.stationFingerprint());
    const bureauPem = (await n.bureau.ok('sync.keys.get', {}, n.bureau.adminToken)).sign!.publicPem;
    fs.writeFileSync(path.join(work, 'bureau.pub.pem'), bureauPem);
    const receipt = sh(
      `openssl pkeyutl -verify -pubin -inkey ${work}/bureau.pub.pem -rawin -in ${r.receiptFile} -sigfile ${r.receiptFile!.replace(/\.json$/, '.sig')}`,
      work,
    );
    expect(receipt.status, receipt.stderr.toString()).toBe(0);

    // `dangan bundle verify` does all of it in one step, applying nothing.
    const v = spawnSync(
      process.execPath,
      [path.resolve('scripts/bin/dangan.mjs'), 'bundle', 'verify', b.dir, '--data', n.bureau.dir, '--json'],
      {
        encoding: 'utf8',
        env: { ...process.env, DANGAN_KEY_PASSPHRASE: PASSPHRASE },
      },
    );
    expect(v.status, v.stderr).toBe(0);
    const report = JSON.parse(v.stdout) as { ok: boolean; checks: { name: string; ok: boolean | null }[] };
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ['integrity', true],
      ['schema', true],
      ['signature', true],
      ['chain', true],
      ['decrypt', true],
    ]);
  });
});
