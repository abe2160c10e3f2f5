/**
 * Every validation message is Chinese (issue 16, "Messages"): each method of the contract
 * is called through dispatch with inputs of the wrong shape, built from its own schema
 * (each top-level key given a value of the wrong type, an unknown key for strict schemas,
 * inputs that are not objects), and every message must be Chinese, carry none of zod's
 * English defaults, and the database must not change. Then a few exact messages show that
 * the field is named and that schemas' own messages still win.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, type MethodName } from '../../electron/contract/methods';
import { makeTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
beforeAll(async () => {
  t = await makeTestCore();
});
afterAll(async () => {
  await t?.close();
});

/** The parts of a zod schema's definition this walk reads. */
interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  catchall?: Schema;
}
interface Schema {
  _zod: { def: Def };
  safeParse(v: unknown): { success: boolean };
}

/** The object schema under a method's input (through default, optional, pipe …), if any. */
function objectOf(s: Schema): Def | null {
  const d = s._zod.def;
  if (d.type === 'object') return d;
  const inner = d.innerType ?? d.in;
  return inner ? objectOf(inner) : null;
}

const WRONG_VALUES: unknown[] = [12345, 'wrong', true, [1], { nested: 1 }, null];
/** A value the field refuses, preferring one of another type; null when it takes anything. */
const wrongFor = (field: Schema): unknown => WRONG_VALUES.find((v) => !field.safeParse(v).success) ?? null;

/** Inputs that must fail validation for this method, each with a short name for the report. */
function badInputs(name: MethodName): { what: string; input: unknown }[] {
  const obj = objectOf(methods[name].input as unknown as Schema);
  const cases: { what: string; input: unknown }[] = [
    { what: 'a string', input: 'not an object' },
    { what: 'a number', input: 42 },
    { what: 'a list', input: [1, 2] },
  ];
  for (const [key, field] of Object.entries(obj?.shape ?? {})) {
    const wrong = wrongFor(field);
    if (wrong !== null) cases.push({ what: `${key}=${JSON.stringify(wrong)}`, input: { [key]: wrong } });
  }
  if (obj?.catchall?._zod.def.type === 'never') cases.push({ what: 'unknown key', input: { unknownKey: 1 } });
  return cases;
}

const CJK = /[\u4e00-\u9fff]/;
const ENGLISH = /Invalid input|expected|Too big|Too small|Unrecognized/i;

const mark = () => ({
  changes: t.core.ctx.sqlite.prepare('SELECT total_changes()').pluck().get() as number,
  dataVersion: t.core.ctx.sqlite.pragma('data_version', { simple: true }) as number,
});

describe('every method refuses wrong input in Chinese and changes nothing', () => {
  const names = Object.keys(methods) as MethodName[];

  it('walks every method of the contract', async () => {
    const failures: string[] = [];
    let cases = 0;
    for (const name of names) {
      for (const { what, input } of badInputs(name)) {
        cases++;
        const before = mark();
        const r = await t.call(name, input, t.adminToken);
        const after = mark();
        const where = `${name} (${what})`;
        if (before.changes !== after.changes || before.dataVersion !== after.dataVersion)
          failures.push(`${where}: the database changed`);
        if (r.ok) {
          failures.push(`${where}: accepted`);
          continue;
        }
        if (r.error.code !== 'VALIDATION_FAILED') failures.push(`${where}: ${r.error.code}`);
        const issues = (r.error.details ?? []) as { path: string[]; message: string }[];
        for (const message of [r.error.message, ...issues.map((i) => i.message)])
          if (!CJK.test(message) || ENGLISH.test(message)) failures.push(`${where}: "${message}"`);
      }
    }
    expect(failures).toEqual([]);
    // Every method contributes at least its three non-object inputs; most several keys more.
    expect(cases).toBeGreaterThan(names.length * 4);
  });
});

describe('messages name the field', () => {
  const message = async (name: MethodName, input: unknown) => {
    const r = await t.call(name, input, t.adminToken);
    expect(r.ok).toBe(false);
    if (r.ok) return '';
    expect(r.error.code).toBe('VALIDATION_FAILED');
    return r.error.message;
  };

  it('wrong types, sizes and choices say which field and what it should be', async () => {
    expect(await message('audit.list', { limit: 1.5 })).toBe('「数量上限」应为整数');
    expect(await message('audit.list', { limit: 1000 })).toBe('「数量上限」不能大于 500');
    expect(await message('audit.list', { offset: -1 })).toBe('「起始位置」不能小于 0');
    expect(await message('audit.list', { actor: 'x'.repeat(51) })).toBe('「操作人」不能超过 50 个字符');
    expect(await message('audit.list', { actor: 7 })).toBe('「操作人」应为文字');
    expect(await message('catalogue.renumber', { scope: {}, apply: 'yes' })).toBe(
      '「是否执行」应为是或否（true/false）',
    );
    expect(await message('catalogue.query', { sort: { column: 'title', dir: 'up' } })).toBe(
      '「排序 · 排序方向」只能是以下之一：asc、desc',
    );
  });

  it('names a field inside a list by its position', async () => {
    const input = { categoryId: 'c', year: 2020, title: '题', persons: [{ name: '张三', idNumber: 5 }] };
    expect(await message('catalogue.create', input)).toBe('「当事人第1项 · 公民身份号码」应为文字');
  });

  it('lists unknown fields, and says a missing one must be filled in', async () => {
    expect(await message('search.query', { q: '张三', filters: { colour: 'red' } })).toBe(
      '「筛选条件」含有未知的字段：colour',
    );
    expect(await message('volumes.get', {})).toBe('请填写「记录标识」');
    expect(await message('audit.list', 'x')).toBe('输入内容应为一组字段（对象）');
  });

  it("keeps a schema's own message", async () => {
    expect(
      await message('users.create', {
        username: 'zhang',
        displayName: ' ',
        role: 'clerk',
        clearance: 0,
        password: 'Passw0rd-1',
      }),
    ).toBe('请填写姓名');
    expect(await message('search.query', { q: 1 })).toBe('检索词必须是文字');
    expect(await message('audit.list', { from: '2026/03/01' })).toBe('日期格式应为 YYYY-MM-DD，例如 2026-03-01');
  });
});
