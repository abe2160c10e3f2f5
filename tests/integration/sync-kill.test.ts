/**
 * `dangan bundle export` killed (SIGKILL) at random points: the stick never holds a bundle
 * that looks complete but is not, and the station's next export still works and applies.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBundle } from '../../electron/core/sync/bundle-read';
import { DANGAN, ROOT } from '../helpers/cli';
import { PASSPHRASE, makeSyncNodes, noise, type SyncNodes } from '../helpers/sync-nodes';
import { tempDir } from '../helpers/test-core';

let nodes: SyncNodes | undefined;
afterEach(() => {
  nodes?.close();
  nodes = undefined;
});

function exportKilledAfter(dataDir: string, outDir: string, ms: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DANGAN, 'bundle', 'export', '--data', dataDir, '--out', outDir, '--json'], {
      cwd: ROOT,
      env: { ...process.env, DANGAN_KEY_PASSPHRASE: PASSPHRASE },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('export killed at random points', () => {
  it('leaves either a bundle that verifies or nothing that looks complete', async () => {
    nodes = await makeSyncNodes();
    const n = nodes;
    const items = await n.addItems(4);
    for (let i = 0; i < 4; i++) n.addPage(items[i]!.id, noise(6_000_000, 20 + i));
    const started = Date.now();
    const full = tempDir('dangan-kill-');
    expect(await exportKilledAfter(n.station.dir, full, 120_000)).toBe(0);
    const took = Date.now() - started;
    fs.rmSync(full, { recursive: true, force: true });
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * took;
    for (let run = 0; run < 8; run++) {
      const stick = tempDir('dangan-kill-');
      await exportKilledAfter(n.station.dir, stick, Math.floor(rnd()));
      for (const name of fs.readdirSync(stick)) {
        if (name.endsWith('.partial')) {
          expect(fs.existsSync(path.join(stick, name, 'tagmanifest-sha256.txt.sig'))).toBe(false);
          continue;
        }
        const b = readBundle(path.join(stick, name));
        expect(b.problems, name).toEqual([]);
      }
      fs.rmSync(stick, { recursive: true, force: true });
    }
    const ok = await n.exportBundle();
    expect(ok.files).toBe(4);
    expect((await n.importBundle(ok.dir, await n.stationFingerprint())).outcome).toBe('applied');
  });
});
