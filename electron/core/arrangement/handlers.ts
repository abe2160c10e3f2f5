/** The arrangement.* methods of the contract: 整理 → 自查 → 验收. */
import { type HandlerEnv, type Handlers, sessionOf } from '../kernel';
import { assignPerson, batchRow, batchView, createBatch, listBatches } from './batches';
import { volumeNotes } from './notes';
import { printAcceptance } from './record';
import { selfCheck } from './self-check';
import { signStep } from './sign-off';

const me = (env: HandlerEnv) => sessionOf(env);

export const arrangementHandlers = {
  'arrangement.create': (env, input) => createBatch(env.ctx, me(env), input),
  'arrangement.list': (env, input) => listBatches(env.ctx, me(env), input.status),
  'arrangement.get': (env, input) => batchView(env.ctx, batchRow(env.ctx, input.id), me(env).clearance),
  'arrangement.assign': (env, input) => assignPerson(env.ctx, me(env), input),
  'arrangement.selfCheck': (env, input) => selfCheck(env.ctx, batchRow(env.ctx, input.id), me(env).clearance),
  'arrangement.sign': (env, input) => signStep(env.ctx, me(env), input),
  'arrangement.notes': (env, input) => volumeNotes(env.ctx, me(env), input.volumeId),
  'arrangement.print': (env, input) => printAcceptance(env.ctx, me(env), input.id),
} satisfies Partial<Handlers>;
