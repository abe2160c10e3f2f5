import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../electron/contract/search';
import { categoryId, makeTestCore, userToken, type TestCore } from '../helpers/test-core';

let t: TestCore;
let ws: string;
let hj: string;
let lowToken: string;
const ids: Record<string, string> = {};

const search = (q: string, extra: Record<string, unknown> = {}, token = t.adminToken): Promise<SearchResult> =>
  t.ok('search.query', { q, ...extra }, token);
const codes = async (q: string, extra: Record<string, unknown> = {}, token?: string) =>
  (await search(q, extra, token)).hits.map((h) => h.title).sort();

beforeAll(async () => {
  t = await makeTestCore();
  ws = await categoryId(t, 'WS');
  hj = await categoryId(t, 'ZY·HJ·QR');
  lowToken = await userToken(t, 'low', 'clerk', 0);
  const mk = async (key: string, input: Record<string, unknown>) => {
    ids[key] = (await t.ok('catalogue.create', { year: 2011, orgCode: '', ...input }, t.adminToken)).id;
  };
  await mk('wang', {
    categoryId: hj,
    title: '王芳迁入登记',
    persons: [{ name: '王芳', idNumber: '33052319850315121X' }],
    date: '20110315',
  });
  await mk('shan', {
    categoryId: hj,
    title: '单田芳户口迁入',
    persons: [{ name: '单田芳', idNumber: null }],
    year: 2013,
  });
  await mk('notice', {
    categoryId: ws,
    orgCode: 'BGS',
    title: '關於信訪工作的通知',
    docNumber: '北港派〔2011〕12号',
    remarks: '北港路１２号',
  });
  await mk('secret', { categoryId: ws, orgCode: 'BGS', title: '王芳案件材料', securityLevel: 2, year: 2015 });
});
afterAll(() => t.close());

describe('search', () => {
  it('finds two-character names, ID fragments, pinyin and initials', async () => {
    expect(await codes('王芳')).toEqual(['王芳案件材料', '王芳迁入登记']);
    for (const q of ['121x', '15121X', '330523', '33052319850315121X', '姓名:wangfang', 'wf'])
      expect(await codes(q), q).toContain('王芳迁入登记');
    expect(await codes('shantianfang')).toEqual(['单田芳户口迁入']);
    expect(await codes('dantianfang')).toEqual(['单田芳户口迁入']);
    expect(await codes('stf')).toEqual(['单田芳户口迁入']);
  });

  it('folds traditional characters, full-width forms and letter case', async () => {
    expect(await codes('信访')).toEqual(['關於信訪工作的通知']);
    expect(await codes('信訪')).toEqual(['關於信訪工作的通知']);
    expect(await codes('北港路12号')).toEqual(['關於信訪工作的通知']);
    expect(await codes('档号:ws·2011')).toEqual(['關於信訪工作的通知']);
  });

  it('hides records above the clearance, counts included', async () => {
    const admin = await search('王芳');
    const low = await search('王芳', {}, lowToken);
    expect(admin.total).toBe(2);
    expect(low.total).toBe(1);
    expect(low.hits.map((h) => h.title)).toEqual(['王芳迁入登记']);
  });

  it('ranks title and name matches first and marks snippets', async () => {
    const r = await search('王芳');
    expect(r.hits[0]!.field).toMatch(/title|names/);
    expect(r.hits[0]!.snippet.some((p) => p.hit && p.text === '王芳')).toBe(true);
    // Pinyin is for matching only; a names snippet shows the names.
    expect(r.hits.flatMap((h) => h.snippet.map((p) => p.text)).join('')).not.toContain('wangfang');
  });

  it('combines filters written in the query and given as filters', async () => {
    expect(await codes('王芳 年度:2011')).toEqual(['王芳迁入登记']);
    expect(await codes('王芳', { filters: { yearFrom: 2014 } })).toEqual(['王芳案件材料']);
    expect(await codes('芳 门类:HJ')).toEqual(['单田芳户口迁入', '王芳迁入登记']);
    const r = await search('王芳 门类:XX');
    expect(r.total).toBe(0);
    expect(r.notice).toContain('XX');
  });

  it('keeps the index in step with edits and deletions', async () => {
    await t.ok('catalogue.update', { id: ids.notice, expectedVersion: 1, title: '关于治安巡逻的通知' }, t.adminToken);
    expect(await codes('信访')).toEqual([]);
    expect(await codes('治安巡逻')).toEqual(['关于治安巡逻的通知']);
    await t.ok('catalogue.delete', { id: ids.shan, reason: '重复著录' }, t.adminToken);
    expect(await codes('单田芳')).toEqual([]);
    expect(await codes('单田芳 状态:已删除')).toEqual(['单田芳户口迁入']);
  });

  it('answers bad input with a message or nothing, never an error', async () => {
    for (const q of [
      '',
      '   ',
      '，。！',
      '"',
      '*',
      'NEAR(',
      '王芳" OR 1=1; DROP TABLE items; --',
      'x'.repeat(10_000),
      '年度:abc',
    ]) {
      const r = await t.call('search.query', { q }, t.adminToken);
      expect(r.ok, q.slice(0, 20)).toBe(true);
    }
    expect((await search('')).notice).toBe('请输入检索词');
    expect((await search('年度:abc 王芳')).total).toBe(0);
    const bad = await t.call('search.query', { q: '王芳', filters: { yearFrom: 'x' } }, t.adminToken);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('VALIDATION_FAILED');
  });

  it('keeps recent and saved searches per user', async () => {
    await t.ok('search.recent.add', { q: '王芳' }, t.adminToken);
    await t.ok('search.recent.add', { q: '信访' }, t.adminToken);
    await t.ok('search.recent.add', { q: '王芳' }, t.adminToken);
    expect((await t.ok('search.recent.list', {}, t.adminToken)).map((r) => r.q)).toEqual(['王芳', '信访']);
    expect(await t.ok('search.recent.list', {}, lowToken)).toEqual([]);
    const saved = await t.ok(
      'search.saved.save',
      { name: '王芳的档案', q: '王芳', filters: { yearFrom: 2011 } },
      t.adminToken,
    );
    expect((await t.ok('search.saved.list', {}, t.adminToken)).map((s) => s.name)).toEqual(['王芳的档案']);
    const other = await t.call('search.saved.delete', { id: saved.id }, lowToken);
    expect(other.ok).toBe(false);
    await t.ok('search.saved.delete', { id: saved.id }, t.adminToken);
    expect(await t.ok('search.saved.list', {}, t.adminToken)).toEqual([]);
  });

  it('gives the same answers after a full reindex', async () => {
    const before = await Promise.all(['王芳', '121X', '治安', 'wf'].map((q) => codes(q)));
    const { jobId } = await t.ok('search.reindex', {}, t.adminToken);
    expect(jobId).toBeTruthy();
    await t.core.ctx.lock.run(() => undefined); // the job holds the lock until done
    expect((await t.ok('search.status', {}, t.adminToken)).state).toBe('ready');
    expect(await Promise.all(['王芳', '121X', '治安', 'wf'].map((q) => codes(q)))).toEqual(before);
    const status = await t.ok('search.status', {}, t.adminToken);
    expect(status.retiredDocs).toBe(0);
  });
});
