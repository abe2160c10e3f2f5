import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/core/audit/chain';
import { formatArchiveCode } from '../../electron/core/scheme/archive-code';
import { createCore, type Core } from '../../electron/core/app';
import { generateDemo, type DemoResult } from '../../electron/core/demo/generate';
import { nodeIdOf } from '../../electron/core/kernel/changelog';
import { JT_DOCS } from '../../electron/core/demo/vocab';
import { ManualClock } from '../../electron/core/kernel/clock';
import { parseIdNumber } from '../../electron/core/persons/id-number';
import { loadScheme } from '../../electron/core/scheme/repo';
import { tempDir } from '../helpers/test-core';

const ADMIN = { username: 'admin', password: 'Adm1n-Passw0rd' };
const N = 3000;

/**
 * The generator dates its catalogue from the core's clock (the current year is only partly
 * filed), so every run here pins the clock, and the whole suite runs at two clocks a year
 * apart: its expectations come from the data, never from the calendar.
 */
const CLOCKS = [
  { label: '2026-12-04', at: Date.UTC(2026, 11, 4, 9, 0, 0) },
  { label: '2025-12-04', at: Date.UTC(2025, 11, 4, 9, 0, 0) },
];

async function setUpCore(at: number): Promise<{ core: Core; dir: string }> {
  const dir = tempDir('dangan-demo-');
  const clock = new ManualClock(at);
  const core = createCore({ dataDir: dir, clock, passwordCost: 2 ** 10, log: { info() {}, error() {} } });
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

describe.each(CLOCKS)('demo data with the clock at $label', ({ at }) => {
  let core: Core;
  let dir: string;
  let result: DemoResult;
  const progress: [number, number][] = [];
  const all = <T>(sql: string, ...p: unknown[]) => core.ctx.sqlite.prepare(sql).all(...p) as T[];
  const one = <T>(sql: string, ...p: unknown[]) => core.ctx.sqlite.prepare(sql).get(...p) as T;

  beforeAll(async () => {
    ({ core, dir } = await setUpCore(at));
    result = await generateDemo(core.ctx, {
      items: N,
      seed: 'test',
      batchSize: 1000,
      onProgress: (d, t) => progress.push([d, t]),
    });
  });
  afterAll(async () => {
    await core.close();
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

    it("dates nothing after the clock's today, and files the current year only in part", () => {
      // Dates are kept as DA/T 22 writes them: YYYYMMDD.
      const today = new Date(at).toISOString().slice(0, 10).replaceAll('-', '');
      const year = new Date(at).getUTCFullYear();
      const last = one<{ y: number; d: string }>("SELECT max(year) y, max(nullif(date, '')) d FROM items");
      expect(last.y).toBe(year);
      expect(last.d <= today, `${last.d} > ${today}`).toBe(true);
      const perYear = all<{ y: number; n: number }>('SELECT year y, count(*) n FROM items GROUP BY year');
      const current = perYear.find((r) => r.y === year)!.n;
      const previous = perYear.find((r) => r.y === year - 1)!.n;
      expect(current).toBeGreaterThan(0);
      expect(current).toBeLessThanOrEqual(previous * 1.2);
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
      const other = await setUpCore(at);
      try {
        await generateDemo(other.core.ctx, { items: N, seed: 'test', worker: true });
        const q = 'SELECT archive_code, title, person_names FROM items ORDER BY archive_code';
        expect(other.core.ctx.sqlite.prepare(q).all()).toEqual(core.ctx.sqlite.prepare(q).all());
      } finally {
        await other.core.close();
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
        await bare.close();
        fs.rmSync(d, { recursive: true, force: true });
      }
    });
  });

  describe('demo page text (--ocr-text)', () => {
    let ocr: { core: Core; dir: string };
    let res: DemoResult;
    const q = <T>(sql: string, ...p: unknown[]) => ocr.core.ctx.sqlite.prepare(sql).all(...p) as T[];
    const textsQ = `SELECT i.archive_code, p.page_no, p.text FROM page_texts p JOIN items i ON i.id = p.item_id
    ORDER BY i.archive_code, p.page_no`;
    // Old printed forms and some scanners: traditional characters and full-width digits/letters.
    const TRAD = /[戶證遷辦訪檔經]/;
    const WIDE = /[０-９Ａ-Ｚ]/;

    beforeAll(async () => {
      ocr = await setUpCore(at);
      // The same seed and size as the catalogue-only run above, so the two can be compared.
      res = await generateDemo(ocr.core.ctx, { items: N, seed: 'test', batchSize: 700, ocrText: true });
    });
    afterAll(async () => {
      await ocr.core.close();
      fs.rmSync(ocr.dir, { recursive: true, force: true });
    });

    it('gives every item 1–3 numbered pages holding 200–800 characters in all', () => {
      const per = q<{ n: number; first: number; last: number; chars: number; empty: number }>(
        `SELECT count(p.id) n, min(p.page_no) first, max(p.page_no) last, coalesce(sum(length(p.text)), 0) chars,
         sum(length(p.text) = 0) empty
       FROM items i LEFT JOIN page_texts p ON p.item_id = i.id GROUP BY i.id`,
      );
      expect(per).toHaveLength(N);
      for (const r of per) {
        expect(r.n).toBeGreaterThanOrEqual(1);
        expect(r.n).toBeLessThanOrEqual(3);
        expect([r.first, r.last, r.empty]).toEqual([1, r.n, 0]);
        expect(r.chars).toBeGreaterThanOrEqual(200);
        expect(r.chars).toBeLessThanOrEqual(800);
      }
      // Spread over the whole range, not bunched at one length.
      const chars = per.map((r) => r.chars);
      expect(chars.filter((c) => c < 350).length).toBeGreaterThan(N * 0.15);
      expect(chars.filter((c) => c > 650).length).toBeGreaterThan(N * 0.15);
      for (const n of [1, 2, 3]) expect(per.filter((r) => r.n === n).length).toBeGreaterThan(N * 0.2);
      // JS string length is what the task counts; SQLite's length() counts the same for these texts.
      const js = q<{ text: string }>('SELECT text FROM page_texts').reduce((a, r) => a + r.text.length, 0);
      expect(res).toMatchObject({ items: N, pages: per.reduce((a, r) => a + r.n, 0), textChars: js });
    });

    it('writes the rows the normal path would: node, run timestamp, source demo, one change-log insert per page', () => {
      const ctx = ocr.core.ctx;
      const bad = q(
        `SELECT p.id FROM page_texts p JOIN items i ON i.id = p.item_id
       WHERE p.node_id <> ? OR p.version <> 1 OR p.source <> 'demo' OR p.created_at <> i.created_at
          OR p.updated_at <> i.created_at`,
        nodeIdOf(ctx),
      );
      expect(bad).toEqual([]);
      const log = q<{ n: number; distinct_ids: number; other: number }>(
        `SELECT count(*) n, count(DISTINCT entity_id) distinct_ids, sum(op <> 'insert' OR version <> 1) other
       FROM change_log WHERE entity = 'page_text'`,
      )[0]!;
      expect(log).toEqual({ n: res.pages, distinct_ids: res.pages, other: 0 });
      const unlogged = q(
        "SELECT id FROM page_texts WHERE id NOT IN (SELECT entity_id FROM change_log WHERE entity = 'page_text')",
      );
      expect(unlogged).toEqual([]);
    });

    it("reads like the category's paper, naming the item's persons so a search for them finds it", () => {
      const rows = q<{ code: string; title: string; itemNo: number; text: string; names: string; id: string }>(
        `SELECT i.category_code code, i.title, i.item_no itemNo,
         (SELECT group_concat(text, '') FROM (SELECT text FROM page_texts WHERE item_id = i.id ORDER BY page_no)) text,
         (SELECT group_concat(p.name, '|') FROM item_persons ip JOIN persons p ON p.id = ip.person_id
           WHERE ip.item_id = i.id) names,
         (SELECT p.id_number FROM item_persons ip JOIN persons p ON p.id = ip.person_id
           WHERE ip.item_id = i.id AND ip.position = 0) id
       FROM items i`,
      );
      const huji = rows.filter((r) => r.code.startsWith('ZY·HJ'));
      expect(huji.length).toBeGreaterThan(N * 0.2);
      for (const r of huji) {
        for (const name of r.names.split('|')) expect(r.text, r.title).toContain(name);
        // The form is the subject's (the first person); the householder is named on it.
        expect(r.text, r.title).toContain(r.id);
        expect(r.text).toMatch(/户主姓名：.+与户主关系：/);
        expect(r.text).toContain('北港县公安局城关派出所（户口专用章）');
      }
      const forms = huji.map((r) => r.text.slice(0, r.text.indexOf('\n')));
      for (const f of ['常住人口登记表', '准予迁入证明', '户口迁移证']) expect(forms).toContain(f);
      // An accident volume holds the case's papers in their order, so the 认定书 is each
      // volume's tenth document: how many the sample holds follows from how full its volumes
      // are (and so from the clock), never a fixed expectation.
      const jt = rows.filter((r) => r.code === 'ZY·JT');
      expect(jt.length).toBeGreaterThan(0);
      const certAt = JT_DOCS.indexOf('道路交通事故认定书');
      for (const r of jt) {
        const cert = r.title.startsWith('道路交通事故认定书');
        expect(cert, `${r.itemNo} ${r.title}`).toBe((r.itemNo - 1) % JT_DOCS.length === certAt);
        if (cert) expect(r.text).toMatch(/事故编号：.+当事人：.+道路交通事故发生经过：/s);
        else if (!r.title.includes('询问笔录')) expect(r.text, r.title).toMatch(/事故编号：.+当事人：/s);
      }
      for (const r of rows.filter((x) => x.code === 'ZY·XF')) expect(r.text).toContain('信访');
      // Varied: no two items share their text.
      expect(new Set(rows.map((r) => r.text)).size).toBe(N);
    });

    it('has some traditional characters and full-width digits, in a few percent of items', () => {
      const per = q<{ text: string }>("SELECT group_concat(text, '') text FROM page_texts GROUP BY item_id").map(
        (r) => r.text,
      );
      const trad = per.filter((t) => TRAD.test(t)).length;
      const wide = per.filter((t) => WIDE.test(t)).length;
      expect(trad).toBeGreaterThan(N * 0.01);
      expect(trad).toBeLessThan(N * 0.08);
      expect(wide).toBeGreaterThan(N * 0.005);
      expect(wide).toBeLessThan(N * 0.1);
    });

    it('is reproducible, and leaves the catalogue exactly as the run without page text made it', async () => {
      const catalogue = 'SELECT archive_code, title, person_names, extra FROM items ORDER BY archive_code';
      expect(ocr.core.ctx.sqlite.prepare(catalogue).all()).toEqual(core.ctx.sqlite.prepare(catalogue).all());
      const other = await setUpCore(at);
      try {
        const r = await generateDemo(other.core.ctx, { items: N, seed: 'test', worker: true, ocrText: true });
        expect(r).toMatchObject({ pages: res.pages, textChars: res.textChars });
        expect(other.core.ctx.sqlite.prepare(textsQ).all()).toEqual(ocr.core.ctx.sqlite.prepare(textsQ).all());
      } finally {
        await other.core.close();
        fs.rmSync(other.dir, { recursive: true, force: true });
      }
    });

    it('writes no pages when the option is off', () => {
      expect(one<{ n: number }>('SELECT count(*) n FROM page_texts').n).toBe(0);
      expect(one<{ n: number }>("SELECT count(*) n FROM change_log WHERE entity = 'page_text'").n).toBe(0);
      expect(result).toMatchObject({ pages: 0, textChars: 0 });
    });
  });
});
