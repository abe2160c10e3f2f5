/** The appraisal.*, destruction.*, opening.* and security.* methods of the contract. */
import { type HandlerEnv, type Handlers, sessionOf } from '../kernel';
import { decide, dueRecords, setHold } from './decide';
import { approveList, createList, destructionLists_, executeList } from './destruction';
import { printDestruction, printOpening } from './documents';
import { changeSecurity, openingDecide, openingDue, openingList } from './opening';

const me = (env: HandlerEnv) => sessionOf(env);

export const appraisalHandlers = {
  'appraisal.due': (env, input) => dueRecords(env.ctx, me(env), input),
  'appraisal.decide': (env, input) => decide(env.ctx, me(env), input),
  'appraisal.hold': (env, input) => setHold(env.ctx, me(env), input),
  'destruction.create': (env, input) => createList(env.ctx, me(env), input),
  'destruction.list': (env) => destructionLists_(env.ctx, me(env)),
  'destruction.approve': (env, input) => approveList(env.ctx, me(env), input),
  'destruction.execute': (env, input) => executeList(env.ctx, me(env), input.id),
  'destruction.print': (env, input) => printDestruction(env.ctx, me(env), input.id, input.format),
  'opening.due': (env, input) => openingDue(env.ctx, me(env), input),
  'opening.decide': (env, input) => openingDecide(env.ctx, me(env), input),
  'opening.list': (env) => openingList(env.ctx, me(env)),
  'opening.print': (env, input) => printOpening(env.ctx, me(env), input.format),
  'security.change': (env, input) => changeSecurity(env.ctx, me(env), input),
} satisfies Partial<Handlers>;
