/** The statistics.* methods of the contract: 统计年报 (the annual report, its drill lists, closing), 考核指标 and the bureau's ranking and county report. */
import { type Handlers, sessionOf } from '../kernel';
import { bureauStations, countyReport } from './bureau';
import { drill } from './drill';
import { printAnnual } from './print';
import { indicators } from './indicators';
import { getProfile, setProfile } from './profile';
import { annualReport, closeYear } from './report';
import { setWeights } from './snapshot';

export const statisticsHandlers = {
  'statistics.annual': (env, input) => annualReport(env.ctx, sessionOf(env), input.year),
  'statistics.drill': (env, input) => drill(env.ctx, sessionOf(env).clearance, input),
  'statistics.profile.get': (env, input) => getProfile(env.ctx, input.year),
  'statistics.profile.set': (env, input) => setProfile(env.ctx, sessionOf(env), input),
  'statistics.close': (env, input) => closeYear(env.ctx, sessionOf(env), input),
  'statistics.print': (env, input) => printAnnual(env.ctx, sessionOf(env), input),
  'statistics.indicators': (env, input) => indicators(env.ctx, input.asOf),
  'statistics.indicators.weights': (env, input) => setWeights(env.ctx, sessionOf(env), input),
  'statistics.bureau.stations': (env, input) => bureauStations(env.ctx, input.stationId),
  'statistics.bureau.county': (env, input) => countyReport(env.ctx, input.year),
} satisfies Partial<Handlers>;
