/** Statistics methods of the contract. */
import { type Handlers, sessionOf } from '../kernel';
import { bureauStats } from './bureau';

export const statsHandlers = {
  'bureau.stats': (env, input) => bureauStats(env.ctx, sessionOf(env).clearance, input),
} satisfies Partial<Handlers>;
