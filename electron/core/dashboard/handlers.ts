/** The dashboard.* methods of the contract: 工作台. */
import { type Handlers, sessionOf } from '../kernel';
import { stationDashboard } from './station';

export const dashboardHandlers = {
  'dashboard.station': (env, input) => stationDashboard(env.ctx, sessionOf(env), input.asOf),
} satisfies Partial<Handlers>;
