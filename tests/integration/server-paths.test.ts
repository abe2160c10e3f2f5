/**
 * Issue 16, "every outside input is bounded": every method that names a path on the
 * server's disk takes only a path of the kind it expects. Each refuses a system folder
 * (/etc, /), a FIFO, a link out of its folder, a file where a folder is expected (or the
 * reverse), and a folder that is no bundle, with a stable code, a message that lists
 * nothing of what the folder holds, and no change to either database. The hot folder is
 * an administrator's choice and never a system folder, a home folder's root or the
 * archive's own data folder.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName } from '../../electron/contract/methods';
import { refusedHotFolder } from '../../electron/core/scan/hot-folder-path';
import { dbBytesHash, makeSyncNodes, type SyncNodes } from '../helpers/sync-nodes';
import { tempDir, type TestCore, userToken } from '../helpers/test-core';

let n: SyncNodes;
let work: string;
/** A real bundle outside `work`, the target of the links that leave the folder. */
let bundle: string;
let receipt: string;
const dirs: string[] = [];
const dir = (prefix: string) => {
  const d = tempDir(prefix);
  dirs.push(d);
  return d;
};

beforeAll(async () => {
  n = await makeSyncNodes();
  await n.addItems(1);
  bundle = (await n.exportBundle()).dir;
  const imported = await n.importBundle(bundle, await n.stationFingerprint());
  receipt = n.receiptOf(imported);
  work = dir('dangan-paths-');
  // Entries whose names must never appear in a message.
  fs.mkdirSync(path.join(work, 'plain'));
  for (const f of ['secret-alpha.txt', 'secret-beta.jpg']) fs.writeFileSync(path.join(work, 'plain', f), 'x');
  execFileSync('mkfifo', [path.join(work, 'fifo')]);
  execFileSync('mkfifo', [path.join(work, 'fifo.json')]);
  fs.writeFileSync(path.join(work, 'file.txt'), 'x');
  fs.mkdirSync(path.join(work, 'folder.json'));
  fs.symlinkSync(bundle, path.join(work, 'link-out'));
  fs.symlinkSync(path.dirname(receipt), path.join(work, 'link-dir'));
}, 60_000);

afterAll(async () => {
  await n?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

type Node = 'station' | 'bureau';
interface PathMethod {
  method: MethodName;
  on: Node;
  input: (p: string) => Record<string, unknown>;
  /** `folder`: takes a folder; `file`: a file to read; `newFile`: a file to create. */
  kind: 'bundle' | 'outDir' | 'file' | 'newFile';
}

const PATH_METHODS: PathMethod[] = [
  { method: 'sync.bundle.verify', on: 'bureau', input: (dir) => ({ dir }), kind: 'bundle' },
  { method: 'sync.bundle.inspect', on: 'bureau', input: (dir) => ({ dir }), kind: 'bundle' },
  { method: 'sync.bundle.import', on: 'bureau', input: (dir) => ({ dir }), kind: 'bundle' },
  { method: 'sync.enroll', on: 'station', input: (dir) => ({ dir }), kind: 'bundle' },
  { method: 'sync.downlink.import', on: 'station', input: (dir) => ({ dir }), kind: 'bundle' },
  { method: 'sync.bundle.export', on: 'station', input: (outDir) => ({ outDir }), kind: 'outDir' },
  {
    method: 'sync.downlink.export',
    on: 'bureau',
    input: (outDir) => ({ stationId: n.stationId, outDir }),
    kind: 'outDir',
  },
  {
    method: 'sync.stations.add',
    on: 'bureau',
    input: (outDir) => ({ stationId: 'XX01', name: '新所', outDir }),
    kind: 'outDir',
  },
  { method: 'sync.receipt.import', on: 'station', input: (file) => ({ file }), kind: 'file' },
  { method: 'sync.keys.exportIdentity', on: 'bureau', input: (outFile) => ({ outFile }), kind: 'newFile' },
];

/** Each bad path and the code expected per kind of method. */
function badPaths(): [string, string, Record<PathMethod['kind'], string>][] {
  const all = (code: string) => ({ bundle: code, outDir: code, file: code, newFile: code });
  return [
    ['/etc', '/etc', all('PATH_NOT_ALLOWED')],
    ['/', '/', all('PATH_NOT_ALLOWED')],
    ['/etc/passwd', '/etc/passwd', all('PATH_NOT_ALLOWED')],
    [
      'a FIFO',
      path.join(work, 'fifo'),
      // A receipt's name must end in .json; a FIFO so named is refused by the bounded reader.
      { bundle: 'PATH_WRONG_KIND', outDir: 'PATH_WRONG_KIND', file: 'PATH_WRONG_KIND', newFile: 'PATH_WRONG_KIND' },
    ],
    ['a FIFO named .json', path.join(work, 'fifo.json'), { ...all('PATH_WRONG_KIND'), file: 'RECEIPT_INVALID' }],
    [
      'a link out of the folder',
      path.join(work, 'link-out'),
      // Names no .json file, and is no new name: refused as the wrong kind before anything is read.
      { ...all('PATH_NOT_ALLOWED'), file: 'PATH_WRONG_KIND', newFile: 'PATH_WRONG_KIND' },
    ],
    [
      'a file through a linked folder',
      path.join(work, 'link-dir', path.basename(receipt)),
      // For a file the folder named is its parent: that is the link; for a folder kind it is a file.
      { bundle: 'PATH_WRONG_KIND', outDir: 'PATH_WRONG_KIND', file: 'PATH_NOT_ALLOWED', newFile: 'PATH_NOT_ALLOWED' },
    ],
    ['a file where a folder is expected', path.join(work, 'file.txt'), all('PATH_WRONG_KIND')],
    ['a folder where a file is expected', path.join(work, 'folder.json'), { ...all('PATH_WRONG_KIND'), outDir: 'OK' }],
    [
      'a folder that is no bundle',
      path.join(work, 'plain'),
      { bundle: 'PATH_WRONG_KIND', outDir: 'OK', file: 'PATH_WRONG_KIND', newFile: 'PATH_WRONG_KIND' },
    ],
    ['a relative path', 'plain', all('VALIDATION_FAILED')],
  ];
}

const nodeOf = (on: Node): TestCore => (on === 'station' ? n.station : n.bureau);
const listing = (p: string): string[] => {
  try {
    return fs.statSync(p).isDirectory() ? fs.readdirSync(p).filter((e) => e.length > 3) : [];
  } catch {
    return [];
  }
};

describe('server-side paths are of the kind expected', () => {
  it('every path method refuses system folders, FIFOs, links out, wrong kinds and non-bundles, changing nothing', async () => {
    const before = { station: dbBytesHash(n.station), bureau: dbBytesHash(n.bureau) };
    const workBefore = fs.readdirSync(work).sort();
    let cases = 0;
    for (const [label, p, expected] of badPaths()) {
      for (const m of PATH_METHODS) {
        const code = expected[m.kind];
        if (code === 'OK') continue; // a plain folder is a fine place to write a bundle into
        const node = nodeOf(m.on);
        const r = await node.call(m.method, m.input(p), node.adminToken);
        const what = `${m.method} ← ${label}`;
        expect(r.ok, what).toBe(false);
        if (r.ok) continue;
        expect(r.error.code, `${what}: ${r.error.message}`).toBe(code);
        expect(r.error.message, what).toMatch(/[\u4e00-\u9fff]/);
        const text = JSON.stringify(r.error);
        for (const entry of [...listing(p), 'secret-alpha', 'secret-beta', 'passwd', 'hostname'])
          if (!p.includes(entry)) expect(text, `${what} names ${entry}`).not.toContain(entry);
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(90);
    expect({ station: dbBytesHash(n.station), bureau: dbBytesHash(n.bureau) }).toEqual(before);
    expect(fs.readdirSync(work).sort()).toEqual(workBefore);
    expect(fs.readdirSync(path.join(work, 'plain')).sort()).toEqual(['secret-alpha.txt', 'secret-beta.jpg']);
  });

  it('output folders are never a home folder’s root nor the archive’s data folder', async () => {
    for (const out of [os.homedir(), n.bureau.core.ctx.dataDir].filter((d) => fs.existsSync(d))) {
      const r = await n.bureau.call(
        'sync.downlink.export',
        { stationId: n.stationId, outDir: out },
        n.bureau.adminToken,
      );
      expect(r.ok || r.error.code, out).toBe('PATH_NOT_ALLOWED');
    }
  });

  it('a bundle that is one still verifies; 所长 and 登记员 may not make the server read a path, the 审计员 may', async () => {
    expect((await n.bureau.ok('sync.bundle.verify', { dir: bundle }, n.bureau.adminToken)).ok).toBe(true);
    const auditor = await userToken(n.bureau, 'audit1', 'auditor', 0);
    expect((await n.bureau.ok('sync.bundle.verify', { dir: bundle }, auditor)).ok).toBe(true);
    for (const role of ['head', 'registry']) {
      const token = await userToken(n.bureau, `${role}1`, role, 0);
      const r = await n.bureau.call('sync.bundle.verify', { dir: bundle }, token);
      expect(r.ok || r.error.code, role).toBe('FORBIDDEN');
    }
  });
});

describe('the hot folder is an administrator’s choice of a proper folder', () => {
  it('a clerk is refused; an administrator may not pick a home root, a system or the data folder, but may a subfolder', async () => {
    const t = n.station;
    const clerk = await userToken(t, 'clerk-hot', 'clerk', 0);
    const hot = dir('dangan-hot-');
    const set = (d: string, token: string) => t.call('hotfolder.set', { dir: d, enabled: true }, token);
    const before = dbBytesHash(t);
    expect(await set(hot, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Reading the setting stays with the scanning roles.
    expect((await t.call('hotfolder.get', {}, clerk)).ok).toBe(true);
    const refused = ['/', '/etc', '/usr', '/var/log', '/home', '/root', os.homedir(), t.core.ctx.dataDir];
    for (const d of refused) {
      const r = await set(d, t.adminToken);
      expect(r.ok || r.error.code, d).toMatch(/^PATH_NOT_ALLOWED$|^HOT_FOLDER_UNAVAILABLE$/);
      if (fs.existsSync(d)) expect(r.ok || r.error.code, d).toBe('PATH_NOT_ALLOWED');
      expect(JSON.stringify(r), d).not.toMatch(/passwd|hostname|secret-alpha/);
    }
    const fifo = await set(path.join(work, 'fifo'), t.adminToken);
    expect(fifo.ok || fifo.error.code).toBe('PATH_WRONG_KIND');
    expect(dbBytesHash(t)).toBe(before);
    expect((await t.ok('hotfolder.get', {}, t.adminToken)).enabled).toBe(false);

    const ok = await t.ok('hotfolder.set', { dir: hot, enabled: true }, t.adminToken);
    expect(ok).toMatchObject({ dir: hot, enabled: true, status: 'watching' });
    await t.ok('hotfolder.set', { dir: hot, enabled: false }, t.adminToken);
    // A folder saved before these rules is not watched.
    expect(refusedHotFolder(t.core.ctx, '/etc')).toMatch(/系统目录/);
    expect(refusedHotFolder(t.core.ctx, hot)).toBeNull();
  });
});
