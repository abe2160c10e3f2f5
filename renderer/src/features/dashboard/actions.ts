/** What the dashboard asks of the core (the components never call the client themselves). */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const stationDashboard = (input: MethodInput<'dashboard.station'> = {}) => call('dashboard.station', input);
export const bureauDashboard = (input: MethodInput<'dashboard.bureau'> = {}) => call('dashboard.bureau', input);
