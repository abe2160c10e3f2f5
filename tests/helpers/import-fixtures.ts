/** A set-up core on a temp data dir, logins, and legacy spreadsheets built in the test. */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach } from 'vitest';
import type { Core } from '../../electron/core/app';
import type { Result } from '../../electron/contract/errors';
import type { CategoryView } from '../../electron/contract/dto';
import { checkDigit } from '../../electron/core/persons/id-number';
import { ADMIN, firstLogin, makeTestCore } from './test-core';

/** The import tests' view of the shared test core (tests/helpers/test-core.ts). */
export interface TestCore {
  core: Core;
  dir: string;
  /** Logs in and returns the call context for dispatch. */
  login(username?: string, password?: string): Promise<{ sessionToken: string }>;
  /** A new user's first login: replaces the administrator-set password and returns the call context. */
  firstLogin(username: string, adminSet: string, chosen: string): Promise<{ sessionToken: string }>;
  category(fullCode: string, call: { sessionToken: string }): Promise<CategoryView>;
  count(): number;
  cleanup(): Promise<void>;
}

export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

export async function setUpCore(): Promise<TestCore> {
  const t = await makeTestCore();
  return {
    core: t.core,
    dir: t.dir,
    login: async (username = ADMIN.username, password = ADMIN.password) => ({
      sessionToken: await t.login(username, password),
    }),
    firstLogin: async (username, adminSet, chosen) => ({
      sessionToken: await firstLogin(t, username, adminSet, chosen),
    }),
    async category(fullCode, call) {
      const c = (await t.ok('scheme.list', {}, call.sessionToken)).find((x) => x.fullCode === fullCode);
      if (!c) throw new Error(`no category ${fullCode}`);
      return c;
    },
    count: () => t.count('items'),
    cleanup: () => t.close(),
  };
}

/**
 * A fresh archive per test, logged in as the administrator, with its 文书 (WS) 门类, which
 * the import tests import into. Usage: `useWsImport((f) => ({ t, call, ws } = f));`
 */
export function useWsImport(
  ready: (fixture: { t: TestCore; call: { sessionToken: string }; ws: CategoryView }) => void,
): void {
  let t: TestCore | undefined;
  beforeEach(async () => {
    t = await setUpCore();
    const call = await t.login();
    ready({ t, call, ws: await t.category('WS', call) });
  });
  afterEach(() => t?.cleanup());
}

export type CellInput = string | number | Date | null;

/** An .xlsx with optional title rows above the header, as stations' ledgers have. */
export async function xlsxBase64(rows: CellInput[][], opts: { sheet?: string; skipRows?: number } = {}) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheet ?? '目录');
  if (opts.skipRows) ws.getCell(1, 1).value = '城关派出所文书档案目录（旧台账）';
  const start = (opts.skipRows ?? 0) + 1;
  rows.forEach((r, i) => r.forEach((v, j) => (ws.getCell(start + i, j + 1).value = v)));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

export const csvBase64 = (text: string, bom = false) =>
  Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]).toString(
    'base64',
  );

/**
 * GB18030 bytes of a two-row CSV (no iconv in the sandbox; encoded once with Python's
 * gb18030 codec):
 *   题名,日期,姓名,保管期限
 *   户口整顿通知,2011-03-05,王芳,长期
 */
export const GBK_CSV_HEX =
  'cce2c3fb2cc8d5c6da2cd0d5c3fb2cb1a3b9dcc6dacfde0abba7bfdad5fbb6d9cda8d6aa2c323031312d30332d30352ccdf5b7bc2cb3a4c6da0a';

/** A valid 18-digit 公民身份号码 for a birth date and sequence (check digit computed). */
export const idNumber = (birth: string, seq = '002', region = '110105'): string =>
  region + birth + seq + checkDigit(region + birth + seq);

export const IDS = {
  wangFang: '11010519491231002X',
  liSi: idNumber('19800101', '011'),
  zhangSan: idNumber('19750615', '022'),
};

export async function readXlsx(base64: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  // Every column of every row, so blank cells compare as '' rather than holes.
  ws.eachRow((row) => {
    out.push(Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).text));
  });
  return out;
}
