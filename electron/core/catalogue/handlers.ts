import { mutation, sessionOf, type Handlers } from '../kernel';
import { isBureau, queryBureauItems, readsStations } from './bureau-items';
import { bureauTreeChildren } from './bureau-tree';
import { itemArchiveCode, nextItemNo, resolveClass } from './class';
import { createItem, deleteItem, loadItem, updateItem } from './items';
import { codeHistoryOf } from './code-history';
import { correctItemPlacement, previewItemPlacement } from './placement';
import { queryItems } from './query';
import { renumber } from './renumber';
import { deletionInfo, restoreItem } from './restore';
import { toItemView } from './rows';
import { refuseStationRecord, refuseStationScope, withoutStation } from './station-guard';
import { treeChildren } from './tree';
import { correctVolumePlacement, previewVolumePlacement } from './volume-placement';
import {
  createVolume,
  deleteVolume,
  getVolume,
  listVolumes,
  nextVolumeCode,
  loadVolume,
  updateVolume,
  volumeCategory,
} from './volumes';

export const catalogueHandlers = {
  // At the county bureau the tree starts with the stations whose records it received.
  'catalogue.tree': (env, { parent }) =>
    isBureau(env.ctx)
      ? bureauTreeChildren(env.ctx, parent, sessionOf(env).clearance)
      : treeChildren(env.ctx, withoutStation(parent), sessionOf(env).clearance),
  'catalogue.query': (env, q) =>
    readsStations(env.ctx, q.scope)
      ? queryBureauItems(env.ctx, q, sessionOf(env).clearance)
      : queryItems(env.ctx, { ...q, scope: withoutStation(q.scope) }, sessionOf(env).clearance),
  'catalogue.get': (env, { id }) => toItemView(env.ctx, loadItem(env.ctx, id, sessionOf(env).clearance)),
  'catalogue.nextCode': ({ ctx }, input) => {
    const cls = resolveClass(ctx, input);
    const itemNo = nextItemNo(ctx, cls);
    return { itemNo, archiveCode: itemArchiveCode(cls, itemNo) };
  },
  'catalogue.create': (env, input) => mutation(env, (ctx, s, actor) => createItem(ctx, s, input, actor)),
  'catalogue.update': (env, input) => {
    refuseStationRecord(env.ctx, 'item', input.id);
    return mutation(env, (ctx, s, actor) => updateItem(ctx, s, input, actor));
  },
  'catalogue.delete': (env, { id, reason }) => {
    refuseStationRecord(env.ctx, 'item', id);
    mutation(env, (ctx, s, actor) => deleteItem(ctx, s, id, reason, actor));
    return { ok: true as const };
  },
  'catalogue.renumber': (env, { scope, apply }) => {
    refuseStationScope(env.ctx, scope);
    return mutation(env, (ctx, s, actor) => renumber(ctx, withoutStation(scope), apply, actor, s.clearance));
  },
  'catalogue.placementPreview': (env, input) => previewItemPlacement(env.ctx, sessionOf(env), input),
  'catalogue.correctPlacement': (env, input) =>
    mutation(env, (ctx, s, actor) => correctItemPlacement(ctx, s, input, actor)),
  'catalogue.codeHistory': (env, { id, entity }) => {
    const { clearance } = sessionOf(env);
    // Visibility first: a record above the caller's clearance has no history for them either.
    if (entity === 'volume') loadVolume(env.ctx, id, clearance);
    else loadItem(env.ctx, id, clearance);
    return codeHistoryOf(env.ctx, id);
  },
  'catalogue.deletion': (env, { id }) => deletionInfo(env.ctx, sessionOf(env), id),
  'catalogue.restore': (env, { id, note }) => mutation(env, (ctx, s, actor) => restoreItem(ctx, s, id, note, actor)),
  'volumes.placementPreview': (env, input) => previewVolumePlacement(env.ctx, sessionOf(env), input),
  'volumes.correctPlacement': (env, input) =>
    mutation(env, (ctx, s, actor) => correctVolumePlacement(ctx, s, input, actor)),
  // A station's volumes are not listed at the bureau (its tree stops at 保管期限/机构 there).
  'volumes.list': (env, { scope }) =>
    scope.stationId && isBureau(env.ctx) ? [] : listVolumes(env.ctx, withoutStation(scope), sessionOf(env).clearance),
  'volumes.get': (env, { id }) => getVolume(env.ctx, id, sessionOf(env).clearance),
  'volumes.nextCode': ({ ctx }, input) => {
    const { volumeNo, archiveCode } = nextVolumeCode(ctx, volumeCategory(ctx, input.categoryId), input);
    return { volumeNo, archiveCode };
  },
  'volumes.create': (env, input) => mutation(env, (ctx, s, actor) => createVolume(ctx, s, input, actor)),
  'volumes.update': (env, input) => {
    refuseStationRecord(env.ctx, 'volume', input.id);
    return mutation(env, (ctx, s, actor) => updateVolume(ctx, s, input, actor));
  },
  'volumes.delete': (env, { id, reason }) => {
    refuseStationRecord(env.ctx, 'volume', id);
    mutation(env, (ctx, s, actor) => deleteVolume(ctx, s, id, reason, actor));
    return { ok: true as const };
  },
} satisfies Partial<Handlers>;
