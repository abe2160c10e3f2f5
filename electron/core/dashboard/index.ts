/**
 * 工作台 (issue 20): the station's home dashboard, counted from the other domains' own lists and,
 * where a scan of a million rows matters, one aggregate select per table.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { dashboardHandlers } from './handlers';
export { bureauDashboard } from './bureau';
export { stationDashboard } from './station';
export { warmDashboard } from './series';
