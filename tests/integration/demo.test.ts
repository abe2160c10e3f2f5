import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/core/audit/chain';
import { formatArchiveCode } from '../../electron/core/catalogue/archive-code';
import { createCore, type Core } from '../../electron/core/app';
import { generateDemo, type DemoResult } from '../../electron/core/demo/generate';
import { parseIdNumber } from '../../electron/core/persons/id-number';
import { loadScheme } from '../../electron/core/scheme/repo';
import { tempDir } from '../helpers/test-core';

const ADMIN = { username: 'admin', password: 'Adm1n-Passw0rd' };
const N = 3000;

async function setUpCore(): Promise<{ core: Core; dir: string }> {
  const dir = tempDir('dangan-demo-');
  const core = createCore({ dataDir: dir, passwordCost: 2 ** 10, log: { info() {}, error() {} } });
  const r = await core.dispatch('setup.initialize', {
    nodeRole: 'station',
    unitName: '北港县公安局城关派出所',
    fondsCode: 'J001',
    adminUsername: ADMIN.username,
    adminDisplayName: '李管理',
    adminPassword: ADMIN.password,
  });
  if (!r.ok) throw new Error(r.error.message);
  return { core, dir };
}

interface Row {
  id: string;
  category_id: string;
  fonds_code: string;
  category_code: string;
  year: number;
  retention: string;
  org_code: string;
  volume_id: string | null;
  item_no: number;
  archive_code: string;
  title: string;
}

let core: Core;
let dir: string;
let result: DemoResult;
const progress: [number, number][] = [];
const all = <T>(sql: string, ...p: unknown[]) => core.ctx.sqlite.prepare(sql).all(...p) as T[];
const one = <T>(sql: string, ...p: unknown[]) => core.ctx.sqlite.prepare(sql).get(...p) as T;

beforeAll(async () => {
  ({ core, dir } = await setUpCore());
  result = await generateDemo(core.ctx, {
    items: N,
    seed: 'test',
    batchSize: 1000,
    onProgress: (d, t) => progress.push([d, t]),
  });
});
afterAll(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('demo catalogue', () => {
  it('writes the requested number of items and reports progress', () => {
    expect(result.items).toBe(N);
    expect(one<{ n: number }>('SELECT count(*) n FROM items').n).toBe(N);
    expect(one<{ n: number }>('SELECT count(*) n FROM persons').n).toBe(result.persons);
    expect(one<{ n: number }>('SELECT count(*) n FROM item_persons').n).toBe(result.links);
    expect(progress.at(-1)).toEqual([N, N]);
    expect(progress.length).toBeGreaterThan(2);
  });

  it('gives every person a valid 公民身份号码, and some persons several records', () => {
    const ids = all<{ id_number: string }>('SELECT id_number FROM persons');
    for (const { id_number } of ids) expect(parseIdNumber(id_number).ok, id_number).toBe(true);
    const multi = one<{ n: number }>(
      'SELECT count(*) n FROM (SELECT person_id FROM item_persons GROUP BY person_id HAVING count(*) > 1)',
    ).n;
    expect(multi).toBeGreaterThan(ids.length * 0.05);
    const extraIds = all<{ v: string }>(
      "SELECT json_extract(extra, '$.idNumber') v FROM items WHERE json_extract(extra, '$.idNumber') IS NOT NULL",
    );
    expect(extraIds.length).toBeGreaterThan(N * 0.3);
    for (const { v } of extraIds) expect(parseIdNumber(v).ok).toBe(true);
  });

  it('produces unique 档号 exactly as the category templates format them', () => {
    const scheme = loadScheme(core.ctx);
    const vols = new Map(
      all<{ id: string; archive_code: string; volume_no: number; category_id: string }>('SELECT * FROM volumes').map(
        (v) => [v.id, v],
      ),
    );
    const rows = all<Row>('SELECT * FROM items WHERE deleted_at IS NULL');
    expect(new Set(rows.map((r) => r.archive_code)).size).toBe(rows.length);
    for (const r of rows) {
      const c = scheme.byId.get(r.category_id)!;
      const v = r.volume_id ? vols.get(r.volume_id) : undefined;
      const code = formatArchiveCode(c.codeTemplate, {
        fonds: r.fonds_code,
        category: c.fullCode,
        year: r.year,
        retention: r.retention,
        org: r.org_code,
        item: r.item_no,
        volume: v?.volume_no,
        volumeCode: v?.archive_code,
      });
      expect(r.archive_code).toBe(code);
    }
    // 件号 run 1..n without gaps in every class.
    const gaps = all(
      'SELECT category_id, year, retention, org_code, volume_id FROM items GROUP BY 1, 2, 3, 4, 5 HAVING max(item_no) <> count(*)',
    );
    expect(gaps).toEqual([]);
  });

  it('fills every category of the scheme; 按卷 items sit in volumes of their own category', () => {
    const used = new Set(all<{ c: string }>('SELECT DISTINCT category_id c FROM items').map((r) => r.c));
    const scheme = loadScheme(core.ctx).list;
    for (const c of scheme) expect(used.has(c.id), c.fullCode).toBe(true);
    const volumeCats = scheme.filter((c) => c.arrangement === 'volume').map((c) => c.id);
    expect(volumeCats.length).toBe(3);
    const bad = all(
      `SELECT i.id FROM items i LEFT JOIN volumes v ON v.id = i.volume_id
       WHERE (i.category_id IN (${volumeCats.map(() => '?').join(',')})) <> (i.volume_id IS NOT NULL)
          OR (i.volume_id IS NOT NULL AND (v.id IS NULL OR v.category_id <> i.category_id OR v.year <> i.year))`,
      ...volumeCats,
    );
    expect(bad).toEqual([]);
    const sizes = all<{ n: number }>('SELECT count(*) n FROM items WHERE volume_id IS NOT NULL GROUP BY volume_id');
    expect(Math.max(...sizes.map((s) => s.n))).toBeLessThanOrEqual(30);
  });

  it('writes one change-log insert per item, person and volume, and one verified audit entry', () => {
    const changes = one<{ n: number }>("SELECT count(*) n FROM change_log WHERE entity = 'item' AND op = 'insert'").n;
    expect(changes).toBe(N);
    const dup = all("SELECT entity_id FROM change_log WHERE entity = 'item' GROUP BY entity_id HAVING count(*) > 1");
    expect(dup).toEqual([]);
    expect(one<{ n: number }>("SELECT count(*) n FROM change_log WHERE entity = 'person'").n).toBe(result.persons);
    expect(one<{ n: number }>("SELECT count(*) n FROM change_log WHERE entity = 'volume'").n).toBe(result.volumes);
    const audit = all<{ actor_name: string; summary: string }>(
      "SELECT * FROM audit_log WHERE action = 'demo.generate'",
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_name: 'system' });
    expect(audit[0]!.summary).toContain(String(N));
    expect(verifyAuditChain(core.ctx)).toMatchObject({ ok: true });
  });

  it('is reproducible: the same seed gives the same titles and codes, in a worker thread or not', async () => {
    const other = await setUpCore();
    try {
      await generateDemo(other.core.ctx, { items: N, seed: 'test', worker: true });
      const q = 'SELECT archive_code, title, person_names FROM items ORDER BY archive_code';
      expect(other.core.ctx.sqlite.prepare(q).all()).toEqual(core.ctx.sqlite.prepare(q).all());
    } finally {
      other.core.close();
      fs.rmSync(other.dir, { recursive: true, force: true });
    }
  });

  it('is served by the grid with the right totals', async () => {
    const login = await core.dispatch('auth.login', ADMIN);
    if (!login.ok) throw new Error(login.error.message);
    const s = { sessionToken: login.value.token };
    const page = await core.dispatch('catalogue.query', { offset: 2000, limit: 50 }, s);
    expect(page).toMatchObject({ ok: true, value: { total: N, offset: 2000 } });
    if (page.ok) expect(page.value.rows).toHaveLength(50);
    const visible0 = one<{ n: number }>('SELECT count(*) n FROM items WHERE security_level = 0').n;
    expect(visible0).toBeGreaterThan(N * 0.8);
    expect(visible0).toBeLessThan(N);
    const tree = await core.dispatch('catalogue.tree', { parent: {} }, s);
    expect(tree.ok && tree.value.reduce((a, n) => a + n.count, 0)).toBe(N);
  });

  it('refuses an archive that is not set up', async () => {
    const d = tempDir('dangan-demo-');
    const bare = createCore({ dataDir: d, passwordCost: 2 ** 10, log: { info() {}, error() {} } });
    try {
      await expect(generateDemo(bare.ctx, { items: 10 })).rejects.toMatchObject({ code: 'SETUP_REQUIRED' });
    } finally {
      bare.close();
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
