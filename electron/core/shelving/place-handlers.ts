/** The places.* methods of the contract: the place tree, moves by hand, a record's whereabouts. */
import { actorOf, type Handlers, sessionOf } from '../kernel';
import { deletePlace, savePlace } from './place-edit';
import { generateShelves } from './place-generate';
import { placeLevels, setPlaceLevels } from './place-levels';
import { holdingsView, moveHoldings } from './place-moves';
import { placeTreeView } from './place-tree-view';
import { whereabouts } from './whereabouts';

export const placeHandlers = {
  'places.levels.get': ({ ctx }) => placeLevels(ctx),
  'places.levels.set': (env, input) => setPlaceLevels(env.ctx, actorOf(sessionOf(env)), input.names),
  'places.tree': ({ ctx }) => placeTreeView(ctx),
  'places.save': (env, input) => savePlace(env.ctx, actorOf(sessionOf(env)), input),
  'places.delete': (env, input) => deletePlace(env.ctx, actorOf(sessionOf(env)), input.id),
  'places.generate': (env, input) => generateShelves(env.ctx, actorOf(sessionOf(env)), input),
  'places.holdings': (env, input) => holdingsView(env.ctx, input.placeId, input.limit, sessionOf(env).clearance),
  'places.move': (env, input) => moveHoldings(env.ctx, actorOf(sessionOf(env)), input),
  'places.whereabouts': ({ ctx }, input) => whereabouts(ctx, input),
} satisfies Partial<Handlers>;
