/** The boxes.* methods of the contract: boxing proposals, confirmation, boxes listed, opened, emptied, adjusted. */
import { type Handlers, mutation, sessionOf } from '../kernel';
import { unbox, updateBox } from './box-edits';
import { getBox, listBoxes } from './box-queries';
import { boxingSettings, saveBoxingSettings } from './box-settings';
import { confirmBoxing } from './boxes';
import { proposeBoxing } from './boxing-proposal';

export const boxHandlers = {
  'boxes.propose': (env, input) => proposeBoxing(env.ctx, sessionOf(env).clearance, input),
  'boxes.confirm': (env, input) => mutation(env, (ctx, _s, actor) => confirmBoxing(ctx, actor, input)),
  'boxes.list': ({ ctx }, input) => listBoxes(ctx, input),
  'boxes.get': (env, input) => getBox(env.ctx, sessionOf(env).clearance, input.id),
  'boxes.unbox': (env, input) => mutation(env, (ctx, s, actor) => unbox(ctx, actor, s.clearance, input)),
  'boxes.update': (env, input) => mutation(env, (ctx, _s, actor) => updateBox(ctx, actor, input)),
  'boxes.settings.get': ({ ctx }) => boxingSettings(ctx),
  'boxes.settings.save': (env, input) => mutation(env, (ctx, _s, actor) => saveBoxingSettings(ctx, actor, input)),
} satisfies Partial<Handlers>;
