import { sessionOf, mutation, type Handlers, inTransaction, actorOf } from '../kernel';
import { docsTable } from './docs-table';
import { runReindexJob, startReindex } from './jobs';
import { addRecent, deleteSaved, listRecent, listSaved, saveSearch } from './saved';
import { runSearch } from './search';
import { indexState } from './state';

export const searchHandlers = {
  'search.query': (env, input) => runSearch(env.ctx, sessionOf(env), input),
  'search.status': ({ ctx }) => {
    const s = indexState(ctx);
    if (s.state !== 'ready') return { ...s, docs: 0, retiredDocs: 0 };
    const t = docsTable(ctx);
    return { ...s, docs: t.liveCount, retiredDocs: t.maxDoc - t.liveCount };
  },
  'search.reindex': (env) => ({ jobId: startReindex(env.ctx, sessionOf(env)) }),
  // The same job, awaited: dispatch already holds the write lock for it (the method mutates).
  'search.rebuild': (env) => runReindexJob(env.ctx, env.ctx.ids(), sessionOf(env)),
  'search.recent.list': (env) => listRecent(env.ctx, sessionOf(env)),
  'search.recent.add': (env, input) => {
    const s = sessionOf(env);
    inTransaction(env.ctx, () => addRecent(env.ctx, s, actorOf(s), input.q, input.filters), { catalogue: false });
    return { ok: true as const };
  },
  'search.saved.list': (env) => listSaved(env.ctx, sessionOf(env)),
  'search.saved.save': (env, input) => mutation(env, (ctx, s, actor) => saveSearch(ctx, s, actor, input)),
  'search.saved.delete': (env, input) => {
    mutation(env, (ctx, s, actor) => deleteSaved(ctx, s, actor, input.id));
    return { ok: true as const };
  },
} satisfies Partial<Handlers>;
