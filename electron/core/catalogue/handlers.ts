import { mutation, sessionOf, type Handlers } from '../kernel/handler';
import { itemArchiveCode, nextItemNo, resolveClass } from './class';
import { createItem, deleteItem, loadItem, updateItem } from './items';
import { queryItems } from './query';
import { renumber } from './renumber';
import { toItemView } from './rows';
import { treeChildren } from './tree';
import {
  createVolume,
  deleteVolume,
  getVolume,
  listVolumes,
  nextVolumeCode,
  updateVolume,
  volumeCategory,
} from './volumes';

export const catalogueHandlers = {
  'catalogue.tree': (env, { parent }) => treeChildren(env.ctx, parent, sessionOf(env).clearance),
  'catalogue.query': (env, q) => queryItems(env.ctx, q, sessionOf(env).clearance),
  'catalogue.get': (env, { id }) => toItemView(env.ctx, loadItem(env.ctx, id, sessionOf(env).clearance)),
  'catalogue.nextCode': ({ ctx }, input) => {
    const cls = resolveClass(ctx, input);
    const itemNo = nextItemNo(ctx, cls);
    return { itemNo, archiveCode: itemArchiveCode(cls, itemNo) };
  },
  'catalogue.create': (env, input) => mutation(env, (ctx, s, actor) => createItem(ctx, s, input, actor)),
  'catalogue.update': (env, input) => mutation(env, (ctx, s, actor) => updateItem(ctx, s, input, actor)),
  'catalogue.delete': (env, { id, reason }) => {
    mutation(env, (ctx, s, actor) => deleteItem(ctx, s, id, reason, actor));
    return { ok: true as const };
  },
  'catalogue.renumber': (env, { scope, apply }) =>
    mutation(env, (ctx, _s, actor) => renumber(ctx, scope, apply, actor)),
  'volumes.list': (env, { scope }) => listVolumes(env.ctx, scope, sessionOf(env).clearance),
  'volumes.get': (env, { id }) => getVolume(env.ctx, id, sessionOf(env).clearance),
  'volumes.nextCode': ({ ctx }, input) => {
    const { volumeNo, archiveCode } = nextVolumeCode(ctx, volumeCategory(ctx, input.categoryId), input);
    return { volumeNo, archiveCode };
  },
  'volumes.create': (env, input) => mutation(env, (ctx, s, actor) => createVolume(ctx, s, input, actor)),
  'volumes.update': (env, input) => mutation(env, (ctx, s, actor) => updateVolume(ctx, s, input, actor)),
  'volumes.delete': (env, { id, reason }) => {
    mutation(env, (ctx, s, actor) => deleteVolume(ctx, s, id, reason, actor));
    return { ok: true as const };
  },
} satisfies Partial<Handlers>;
