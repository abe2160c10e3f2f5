/** The dashboard.* methods of the contract: 工作台. */
import { type Handlers, sessionOf } from '../kernel';
import { bureauDashboard } from './bureau';
import { stationDashboard } from './station';

export const dashboardHandlers = {
  'dashboard.station': (env, input) => stationDashboard(env.ctx, sessionOf(env), input.asOf),
  'dashboard.bureau': (env, input) => bureauDashboard(env.ctx, input),
} satisfies Partial<Handlers>;
