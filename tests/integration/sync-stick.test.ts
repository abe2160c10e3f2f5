/**
 * A full, write-protected or pulled stick, on real file systems: small tmpfs mounts
 * (the test runs as root, as CI does; elsewhere it is skipped). Each case ends with a
 * clear error code, no bundle that looks complete, and a later export that works.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBundle } from '../../electron/core/sync/export';
import { AppError } from '../../electron/core/kernel/errors';
import { makeSyncNodes, noise, type SyncNodes } from '../helpers/sync-nodes';
import { tempDir } from '../helpers/test-core';

function tryMount(dir: string, opts: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const probe = tempDir('dangan-mount-probe-');
const canMount = tryMount(probe, 'size=64k');
if (canMount) execFileSync('umount', [probe]);
fs.rmSync(probe, { recursive: true, force: true });
// Mounting needs root (as here and in CI). Where it is refused, say so loudly rather than
// fail the whole run: the cases below then do not run on that machine.
if (!canMount) console.warn('sync-stick: cannot mount tmpfs here (not root?): the real-stick cases are not run');

let nodes: SyncNodes | undefined;
const mounts: string[] = [];
afterEach(async () => {
  for (const m of mounts.splice(0)) {
    try {
      execFileSync('umount', ['-l', m], { stdio: 'ignore' });
    } catch {
      // already gone
    }
    fs.rmSync(m, { recursive: true, force: true });
  }
  await nodes?.close();
  nodes = undefined;
});

function stick(opts: string): string {
  const d = tempDir('dangan-usb-');
  if (!tryMount(d, opts)) throw new Error('mount failed');
  mounts.push(d);
  return d;
}

async function exportTo(n: SyncNodes, outDir: string, onWrite?: (bytes: number) => void) {
  const ctx = n.station.core.ctx;
  return ctx.lock.run(() => exportBundle(ctx, { id: null, name: 'test' }, { outDir, onWrite }));
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'no error';
}

/** Nothing on the stick looks like a finished bundle (final name, or a signature). */
function expectNothingComplete(dir: string): void {
  const walk = (d: string): string[] =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return;
  }
  expect(entries.filter((e) => /^DGB-[^.]+$/.test(e))).toEqual([]);
  expect(walk(dir).filter((f) => f.endsWith('tagmanifest-sha256.txt.sig'))).toEqual([]);
}

async function withScans(): Promise<SyncNodes> {
  nodes = await makeSyncNodes();
  const items = await nodes.addItems(3);
  for (let i = 0; i < 3; i++) nodes.addPage(items[i]!.id, noise(400_000, 10 + i));
  return nodes;
}

async function thenCleanExportApplies(n: SyncNodes): Promise<void> {
  const ok = await n.exportBundle();
  expect(ok.files).toBe(3);
  const r = await n.importBundle(ok.dir, await n.stationFingerprint());
  expect(r.outcome).toBe('applied');
}

describe.skipIf(!canMount)('a real stick that is full, write-protected or pulled out', () => {
  it('too little space: refused before writing (STICK_FULL)', async () => {
    const n = await withScans();
    const usb = stick('size=256k');
    expect(await codeOf(exportTo(n, usb))).toBe('STICK_FULL');
    expect(fs.readdirSync(usb)).toEqual([]);
    await thenCleanExportApplies(n);
  });

  it('the stick fills up mid-write (another program writes to it): STICK_FULL, partial bundle removed', async () => {
    const n = await withScans();
    const usb = stick('size=4m');
    let filled = false;
    const fill = () => {
      if (filled) return;
      filled = true;
      const fd = fs.openSync(path.join(usb, 'filler.bin'), 'w');
      try {
        const chunk = Buffer.alloc(64 * 1024);
        for (;;) fs.writeSync(fd, chunk);
      } catch {
        // ENOSPC: the stick is full now
      } finally {
        fs.closeSync(fd);
      }
    };
    expect(await codeOf(exportTo(n, usb, fill))).toBe('STICK_FULL');
    expectNothingComplete(usb);
    expect(fs.readdirSync(usb)).toEqual(['filler.bin']);
    const failed = n.station.core.ctx.sqlite.prepare('SELECT status FROM sync_out_bundles WHERE seq = 1').pluck().get();
    expect(failed).toBe('failed');
    await thenCleanExportApplies(n);
  });

  it('a write-protected stick: STICK_READ_ONLY', async () => {
    const n = await withScans();
    const usb = stick('size=4m,ro');
    expect(await codeOf(exportTo(n, usb))).toBe('STICK_READ_ONLY');
    await thenCleanExportApplies(n);
  });

  it('the stick is pulled out mid-write: STICK_GONE, nothing complete left behind', async () => {
    const n = await withScans();
    const usb = stick('size=8m');
    let pulled = false;
    const pull = () => {
      if (pulled) return;
      pulled = true;
      execFileSync('umount', ['-l', usb]);
    };
    expect(await codeOf(exportTo(n, usb, pull))).toBe('STICK_GONE');
    expectNothingComplete(usb);
    await thenCleanExportApplies(n);
  });
});
