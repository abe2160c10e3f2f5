/**
 * Heavy work on untrusted input runs off the request path: while a bundle with
 * multi-hundred-MB payload files is verified or inspected, and while a large .xlsx is
 * decoded for an import preview, `system.status` and a second user's `catalogue.query` (the catalogue list)
 * answer within 1 s each, and the event loop never stalls for 1 s. Before the fix the
 * calling thread hashed half of a bundle's bytes itself (inspect: all of them) and
 * exceljs parsed the sheet on it, holding every other caller.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readGridOffThread } from '../../electron/core/importer/grid-thread';
import { readGrid } from '../../electron/core/importer/read-table';
import type { AppError } from '../../electron/core/kernel';
import { xlsxBase64 } from '../helpers/import-fixtures';
import { makeSyncNodes, noise, type SyncNodes } from '../helpers/sync-nodes';
import { makeTestCore, userToken, type TestCore } from '../helpers/test-core';
import { sized } from '../helpers/long';
import { figures, whileHeavy, type Responsiveness } from '../helpers/responsive';
import { rowsXlsx } from '../helpers/zip-bomb';

const BOUND_MS = 1000;

let nodes: SyncNodes | undefined;
let t: TestCore | undefined;
afterEach(async () => {
  await nodes?.close();
  await t?.close();
  nodes = undefined;
  t = undefined;
});

/** Probes as the anonymous status poll and as a second, logged-in user. */
function probes(core: TestCore, other: string): (() => Promise<unknown>)[] {
  const ok = async (p: ReturnType<TestCore['call']>) => expect((await p).ok).toBe(true);
  return [() => ok(core.call('system.status', {})), () => ok(core.call('catalogue.query', {}, other))];
}

function expectResponsive(name: string, r: Responsiveness<unknown>): void {
  console.log(figures(name, r));
  // The heavy call really overlapped the probes, and none of them waited for it.
  expect(r.overlapped).toBeGreaterThan(0);
  expect(r.slowestProbeMs).toBeLessThan(BOUND_MS);
  expect(r.maxLoopDelayMs).toBeLessThan(BOUND_MS);
}

describe('heavy work on untrusted input leaves other callers answering', () => {
  it('hashes a bundle with two large payload files off the request path (verify and inspect)', async () => {
    nodes = await makeSyncNodes();
    const n = nodes;
    const [item] = await n.addItems(1);
    n.addPage(item!.id, noise(20_000, 1));
    n.addPage(item!.id, noise(20_000, 2));
    const dir = (await n.exportBundle()).dir;
    // Two scans become sparse zero-filled files of many MB each (hashed in full: the
    // Payload-Oxum is raised to cover them), as a swapped stick would hold.
    const big = sized(320, 1024) * 1024 * 1024;
    const scans = fs.readdirSync(path.join(dir, 'data', 'files'));
    expect(scans).toHaveLength(2);
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'data', 'files'), 0o755);
    for (const s of scans) {
      const f = path.join(dir, 'data', 'files', s);
      fs.rmSync(f);
      fs.writeFileSync(f, '');
      fs.truncateSync(f, big);
    }
    const info = path.join(dir, 'bag-info.txt');
    fs.chmodSync(info, 0o644);
    fs.writeFileSync(
      info,
      fs
        .readFileSync(info, 'utf8')
        .replace(/Payload-Oxum: \d+\.(\d+)/, (_, c: string) => `Payload-Oxum: ${3 * big}.${c}`),
    );
    const other = await userToken(n.bureau, 'chaxun', 'clerk', 0);
    const verify = await whileHeavy(
      () => n.bureau.ok('sync.bundle.verify', { dir }, n.bureau.adminToken),
      probes(n.bureau, other),
    );
    expectResponsive('sync.bundle.verify', verify);
    // Hashed to the end, not refused as too big: each large file is named as a wrong hash.
    const integrity = verify.value.checks.find((c) => c.name === 'integrity')!;
    for (const s of scans) expect(integrity.message).toContain(`文件哈希与清单不符：data/files/${s}`);
    const inspect = await whileHeavy(
      () => n.bureau.ok('sync.bundle.inspect', { dir }, n.bureau.adminToken),
      probes(n.bureau, other),
    );
    expectResponsive('sync.bundle.inspect', inspect);
  });

  it('decodes a large .xlsx for an import preview off the request path, with the same rows', async () => {
    t = await makeTestCore();
    const core = t;
    const ws = (await core.ok('scheme.list', {}, core.adminToken)).find((c) => c.fullCode === 'WS')!;
    const rowCount = sized(30_000, 100_000);
    const rows = [['题名', '年度', '责任者']];
    for (let i = 1; i <= rowCount; i++) rows.push([`关于户口整顿工作的通知（第${i}号）`, '2015', '北港派出所']);
    const base64 = rowsXlsx(rows).toString('base64');
    const other = await userToken(core, 'chaxun', 'clerk', 0);
    const r = await whileHeavy(
      () => core.ok('import.preview', { fileName: '目录.xlsx', base64, categoryId: ws.id }, core.adminToken),
      probes(core, other),
    );
    expectResponsive('import.preview (.xlsx)', r);
    expect(r.value.headers).toEqual(['题名', '年度', '责任者']);
    expect(r.value.totalRows).toBe(rowCount);
    expect(r.value.sampleRows[0]).toMatchObject({ 题名: '关于户口整顿工作的通知（第1号）', 年度: '2015' });
  });
});

describe('the spreadsheet worker answers as the request path does', () => {
  it('gives the same rows, and the same refusal, in the worker as on the calling thread', async () => {
    const file = Buffer.from(
      await xlsxBase64(
        [
          ['题名', '日期', '件数', '备注'],
          ['户口整顿通知', new Date(Date.UTC(2011, 2, 5)), 3, null],
          ['  迁入登记  ', '2014/3/2', 1.5, '附件'],
        ],
        { skipRows: 1 },
      ),
      'base64',
    );
    const here = await readGrid('目录.xlsx', file, undefined);
    expect(await readGridOffThread('目录.xlsx', file, undefined)).toEqual(here);
    expect(here.grid[2]!.cells).toEqual(['户口整顿通知', '20110305', '3']);
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: AppError) => [e.constructor.name, e.code, e.message],
      );
    const missing = await refusal(readGrid('目录.xlsx', file, '没有这张表'));
    expect(missing?.[1]).toBe('IMPORT_MALFORMED');
    expect(await refusal(readGridOffThread('目录.xlsx', file, '没有这张表'))).toEqual(missing);
  });
});
