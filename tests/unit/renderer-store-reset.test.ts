/**
 * Every renderer store is made with `defineStore` and registered, and the session store
 * empties every per-user store when the person at the PC changes (issue 15). The stores run
 * here in Node with a Map-backed Web Storage and a stubbed client, no browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const SRC = path.resolve(__dirname, '../../renderer/src');

class MemoryStorage {
  private m = new Map<string, string>();
  getItem = (k: string) => this.m.get(k) ?? null;
  setItem = (k: string, v: string) => void this.m.set(k, String(v));
  removeItem = (k: string) => void this.m.delete(k);
  clear = () => this.m.clear();
}

const users: Record<string, { id: string; username: string }> = {
  a: { id: 'user-a', username: 'a' },
  b: { id: 'user-b', username: 'b' },
};
let imageFetches = 0;
let answerTemplates: (list: unknown[]) => void = () => {};
vi.mock('../../renderer/src/api/client', async (orig) => {
  const real = await orig<typeof import('../../renderer/src/api/client')>();
  return {
    ...real,
    call: async (method: string, input: { username?: string }) => {
      if (method === 'auth.login') {
        const user = users[input.username ?? '']!;
        return { token: `t-${user.id}`, user, permissions: [], mustChangePassword: false };
      }
      if (method === 'auth.logout') return {};
      if (method === 'forms.templates.list') return new Promise((resolve) => (answerTemplates = resolve));
      if (method === 'pages.image') return { mime: 'image/png', base64: String(++imageFetches) };
      throw new Error(`unexpected call ${method}`);
    },
    subscribe: () => () => {},
  };
});

/** Every source file (not tests) under renderer/src. */
function sources(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}
const storeFiles = sources().filter(
  (f) => !f.endsWith(path.join('stores', 'define.ts')) && /\bdefineStore</.test(fs.readFileSync(f, 'utf8')),
);

type Registry = typeof import('../../renderer/src/stores/define');
let registry: Registry;
const exported: { file: string; name: string; api: { getState: () => unknown } }[] = [];

beforeAll(async () => {
  vi.stubGlobal('localStorage', new MemoryStorage());
  vi.stubGlobal('sessionStorage', new MemoryStorage());
  vi.stubGlobal('window', globalThis);
  for (const file of storeFiles) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, v] of Object.entries(mod)) {
      if (typeof v === 'function' && 'getState' in v && 'setState' in v)
        exported.push({ file, name, api: v as unknown as { getState: () => unknown } });
    }
  }
  // The page-image cache registers itself with the stores (it is no store).
  await import('../../renderer/src/features/scan/images');
  registry = await import('../../renderer/src/stores/define');
});

describe('renderer stores: one factory, one reset at logout', () => {
  it('makes every store with defineStore: zustand is imported nowhere else', () => {
    const direct = sources()
      .filter((f) => /from 'zustand'/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f));
    expect(direct).toEqual(['stores/define.ts']);
  });

  it('registers every store it makes, each with a reset unless it says why it holds nothing of the user', () => {
    expect(exported.length).toBeGreaterThanOrEqual(storeFiles.length);
    const registered = registry.registeredStores();
    for (const s of exported) {
      expect(
        registered.some((r) => r.api === (s.api as unknown)),
        `${s.name} in ${s.file}`,
      ).toBe(true);
    }
    const kept = registered.filter((r) => !r.perUser).map((r) => r.name);
    expect(kept).toEqual(['session']);
    expect(registry.registeredCaches()).toEqual(['pageImages']);
    for (const name of ['catalogue', 'sync', 'templateEditor', 'formTemplates', 'intake', 'scheme', 'search', 'nav'])
      expect(registered.find((r) => r.name === name)?.perUser, name).toBe(true);
  });

  it('empties every per-user store when A logs out and again when B logs in after A', async () => {
    const { useSession } = await import('../../renderer/src/stores/session');
    const perUser = registry.registeredStores().filter((r) => r.perUser);
    const empty = new Map(perUser.map((r) => [r.name, JSON.stringify(r.api.getState())]));
    const fill = async () => {
      const { useSearch } = await import('../../renderer/src/features/search/store');
      const { useCatalogue } = await import('../../renderer/src/stores/catalogue');
      const { useNav } = await import('../../renderer/src/stores/nav');
      const { useScheme } = await import('../../renderer/src/stores/scheme');
      const { useSync } = await import('../../renderer/src/stores/sync');
      const { useIntake } = await import('../../renderer/src/stores/intake');
      const { useFormTemplates } = await import('../../renderer/src/stores/formTemplates');
      const { useTemplateEditor } = await import('../../renderer/src/stores/templateEditor');
      const { useToasts } = await import('../../renderer/src/stores/toasts');
      useSearch.setState({ q: '甲的检索', selected: 3, openId: 'item-a' });
      useCatalogue.getState().setFilters({ title: '甲的题名' });
      useCatalogue.getState().select(7);
      useNav.getState().go('audit');
      useScheme.setState({ loaded: true, categories: [{ id: 'c' } as never] });
      useSync.setState({ error: '甲的错误' });
      useIntake.getState().setTarget({ itemId: 'item-a', archiveCode: 'A-1', title: '甲的件' });
      useFormTemplates.setState({ loaded: true, list: [{ id: 'tpl-a' } as never] });
      useTemplateEditor.getState().setCategory('cat-a');
      useToasts.setState({ toasts: [{ id: 1, kind: 'info', text: '甲的提示' }] });
    };
    // Fields a store keeps on purpose (a counter that only grows).
    const comparable = (name: string, state: unknown) => {
      const { session: _s, ...rest } = state as Record<string, unknown>;
      return JSON.stringify(name === 'templateEditor' ? rest : state);
    };
    const expectEmpty = () => {
      for (const r of perUser) {
        const now = comparable(r.name, r.api.getState());
        expect(now, r.name).toBe(comparable(r.name, JSON.parse(empty.get(r.name)!)));
        expect(now, r.name).not.toMatch(/甲|item-a|tpl-a|cat-a|"audit"/);
      }
    };

    await useSession.getState().signIn('a', 'x');
    await fill();
    await useSession.getState().signOut();
    expectEmpty();

    // A again: the session stays A's, nothing to reset; then B without a logout in between (the session expired).
    await useSession.getState().signIn('a', 'x');
    await fill();
    useSession.getState().expire('会话已过期');
    expectEmpty();
    await useSession.getState().signIn('a', 'x');
    await fill();
    await useSession.getState().signIn('b', 'x');
    expectEmpty();
  });

  it('drops page images fetched under the last user’s clearance', async () => {
    const { loadPageImage } = await import('../../renderer/src/features/scan/images');
    const first = await loadPageImage({ id: 'page-1' });
    expect(await loadPageImage({ id: 'page-1' })).toBe(first);
    expect(imageFetches).toBe(1);
    registry.resetUserState();
    expect(await loadPageImage({ id: 'page-1' })).not.toBe(first);
    expect(imageFetches).toBe(2);
  });

  it('drops an answer that arrives after the user changed', async () => {
    const { useFormTemplates } = await import('../../renderer/src/stores/formTemplates');
    const loading = useFormTemplates.getState().load();
    registry.resetUserState();
    answerTemplates([{ id: 'tpl-a' }]);
    await loading;
    expect(useFormTemplates.getState()).toMatchObject({ list: [], loaded: false });
  });
});
