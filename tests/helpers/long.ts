/**
 * `npm run test:long` sets DANGAN_LONG=1: the kill, property and 100,000-item tests then
 * run at full size. `npm test` runs the same tests, with the same assertions, bounded so
 * the suite stays under ten minutes on a 2-core machine.
 */
export const LONG = process.env.DANGAN_LONG === '1';

/** The bounded size under `npm test`, the full one under `npm run test:long`. */
export const sized = (bounded: number, full: number): number => (LONG ? full : bounded);
