import { actorOf } from '../kernel/context';
import { sessionOf, type Handlers } from '../kernel/handler';
import { inTransaction } from '../kernel/tx';
import { itemArchiveCode, nextItemNo, resolveClass } from './class';
import { createItem, deleteItem, loadItem, updateItem } from './items';
import { queryItems } from './query';
import { renumber } from './renumber';
import { toItemView } from './rows';
import { treeChildren } from './tree';
import { createVolume, deleteVolume, listVolumes, updateVolume } from './volumes';

export const catalogueHandlers = {
  'catalogue.tree': (env, { parent }) => treeChildren(env.ctx, parent, sessionOf(env).clearance),
  'catalogue.query': (env, q) => queryItems(env.ctx, q, sessionOf(env).clearance),
  'catalogue.get': (env, { id }) => toItemView(env.ctx, loadItem(env.ctx, id, sessionOf(env).clearance)),
  'catalogue.nextCode': ({ ctx }, input) => {
    const cls = resolveClass(ctx, input);
    const itemNo = nextItemNo(ctx, cls);
    return { itemNo, archiveCode: itemArchiveCode(cls, itemNo) };
  },
  'catalogue.create': (env, input) => {
    const s = sessionOf(env);
    return inTransaction(env.ctx, () => createItem(env.ctx, s, input, actorOf(s)));
  },
  'catalogue.update': (env, input) => {
    const s = sessionOf(env);
    return inTransaction(env.ctx, () => updateItem(env.ctx, s, input, actorOf(s)));
  },
  'catalogue.delete': (env, { id, reason }) => {
    const s = sessionOf(env);
    inTransaction(env.ctx, () => deleteItem(env.ctx, s, id, reason, actorOf(s)));
    return { ok: true as const };
  },
  'catalogue.renumber': (env, { scope, apply }) => {
    const s = sessionOf(env);
    return inTransaction(env.ctx, () => renumber(env.ctx, scope, apply, actorOf(s)));
  },
  'volumes.list': (env, { scope }) => listVolumes(env.ctx, scope, sessionOf(env).clearance),
  'volumes.create': (env, input) => {
    const s = sessionOf(env);
    return inTransaction(env.ctx, () => createVolume(env.ctx, s, input, actorOf(s)));
  },
  'volumes.update': (env, input) => {
    const s = sessionOf(env);
    return inTransaction(env.ctx, () => updateVolume(env.ctx, s, input, actorOf(s)));
  },
  'volumes.delete': (env, { id, reason }) => {
    const s = sessionOf(env);
    inTransaction(env.ctx, () => deleteVolume(env.ctx, s, id, reason, actorOf(s)));
    return { ok: true as const };
  },
} satisfies Partial<Handlers>;
