/**
 * Bounded spreadsheets: an .xlsx that would inflate past the caps (an honest zip bomb, one
 * whose headers lie about its size, one with too many parts) is refused as 文件过大
 * before exceljs inflates it; nothing is written and other calls still answer. A typed
 * path is read only if it is a regular file under the size cap.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { CategoryView } from '../../electron/contract/dto';
import { MAX_XLSX_ENTRIES, MAX_XLSX_INFLATED } from '../../electron/core/importer/zip-bounds';
import { MAX_IMPORT_BYTES } from '../../electron/core/importer/read-table';
import { dangan, setupViaCli } from '../helpers/cli';
import { must, useWsImport, type TestCore } from '../helpers/import-fixtures';
import { tempDir } from '../helpers/test-core';
import { bombXlsx, manyPartsXlsx } from '../helpers/zip-bomb';

let t: TestCore;
let call: { sessionToken: string };
let ws: CategoryView;
useWsImport((f) => ({ t, call, ws } = f));

const source = (zip: Buffer) => ({ fileName: '目录.xlsx', base64: zip.toString('base64'), categoryId: ws.id });

const auditCount = () =>
  (t.core.ctx.sqlite.prepare('SELECT count(*) n FROM audit_log').get() as { n: number } | undefined)?.n;

describe('bounded .xlsx import', () => {
  it('reads a hand-built workbook under the caps (the bombs below are the same file, bigger)', async () => {
    const p = must(await t.core.dispatch('import.preview', source(bombXlsx(2)), call));
    expect(p.headers).toEqual(['题名']);
    expect(p.totalRows).toBe(1);
  });

  it('refuses a 300 MB zip bomb, honest or lying about its size, as 文件过大; nothing written, others answer', async () => {
    const mib = 300;
    expect(mib * 1024 * 1024).toBeGreaterThan(MAX_XLSX_INFLATED);
    const honest = bombXlsx(mib);
    const lying = bombXlsx(mib, { lie: true });
    expect(honest.length).toBeLessThan(1024 * 1024);
    const before = { items: t.count(), audit: auditCount() };
    for (const zip of [honest, lying]) {
      for (const method of ['import.preview', 'import.commit'] as const) {
        // Another user's call started alongside the import answers too.
        const [r, status] = await Promise.all([
          t.core.dispatch(method, source(zip), call),
          t.core.dispatch('system.status', {}, {}),
        ]);
        expect(status.ok).toBe(true);
        expect(r.ok ? 'ok' : r.error.code).toBe('IMPORT_FILE_TOO_LARGE');
        if (!r.ok) expect(r.error.message).toMatch(/^文件过大/);
      }
    }
    expect({ items: t.count(), audit: auditCount() }).toEqual(before);
    expect((await t.core.dispatch('system.status', {}, {})).ok).toBe(true);
    // The process never held the inflated sheet (300 MB); the heap stays far below it.
    expect(process.memoryUsage().heapUsed).toBeLessThan(mib * 1024 * 1024);
  });

  it('refuses a workbook of more parts than the cap', async () => {
    const r = await t.core.dispatch('import.preview', source(manyPartsXlsx(MAX_XLSX_ENTRIES)), call);
    expect(r.ok ? 'ok' : r.error.code).toBe('IMPORT_FILE_TOO_LARGE');
  });

  it('refuses a file over the raw size cap as 文件过大', async () => {
    const big = Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x41);
    const r = await t.core.dispatch('import.preview', { ...source(big), fileName: '目录.csv' }, call);
    expect(r.ok ? 'ok' : r.error.code).toBe('IMPORT_FILE_TOO_LARGE');
  });
});

describe('dangan import catalogue reads only a bounded regular file', () => {
  it('refuses a FIFO, a link to /dev/zero and a file over the cap without reading them', () => {
    const dir = tempDir();
    try {
      setupViaCli(dir);
      const fifo = path.join(dir, 'fifo.csv');
      execFileSync('mkfifo', [fifo]);
      const zero = path.join(dir, 'zero.csv');
      fs.symlinkSync('/dev/zero', zero);
      const sparse = path.join(dir, 'big.csv');
      fs.writeFileSync(sparse, '');
      fs.truncateSync(sparse, MAX_IMPORT_BYTES + 1); // sparse: costs no disk
      for (const [file, want] of [
        [fifo, '不是普通文件'],
        [zero, '不是普通文件'],
        [sparse, '文件过大'],
      ] as const) {
        const r = dangan(['import', 'catalogue', '--data', dir, '--file', file, '--category', 'WS']);
        expect(r.code, file).not.toBe(0);
        expect(r.stderr + r.stdout, file).toContain(want);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
