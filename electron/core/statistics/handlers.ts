/** The statistics.* methods of the contract: 统计年报 (the annual report, its drill lists, closing). */
import { type Handlers, sessionOf } from '../kernel';
import { drill } from './drill';
import { printAnnual } from './print';
import { getProfile, setProfile } from './profile';
import { annualReport, closeYear } from './report';

export const statisticsHandlers = {
  'statistics.annual': (env, input) => annualReport(env.ctx, sessionOf(env), input.year),
  'statistics.drill': (env, input) => drill(env.ctx, sessionOf(env).clearance, input),
  'statistics.profile.get': (env, input) => getProfile(env.ctx, input.year),
  'statistics.profile.set': (env, input) => setProfile(env.ctx, sessionOf(env), input),
  'statistics.close': (env, input) => closeYear(env.ctx, sessionOf(env), input),
  'statistics.print': (env, input) => printAnnual(env.ctx, sessionOf(env), input),
} satisfies Partial<Handlers>;
