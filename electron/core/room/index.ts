/**
 * The archive-room log (库房环境): rooms, temperature and humidity readings, 九防 checks.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { roomHandlers } from './handlers';
export { decodeCsv, parseReadingsCsv } from './csv';
export { demoReadingsCsv } from './demo-readings';
export { localDay } from './readings';
// The dashboard's alarms, gap days and open 九防 findings: the room log's own lists.
export { listChecks } from './checks';
export { listReadings } from './readings';
export { listRooms } from './rooms';
