/**
 * People named in records: 身份证号 checks, linking people to items, and their view.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { checkDigit, parseIdNumber } from './id-number';
export { linkPersons, normalizePersons, type PersonInput, personNamesOf } from './link';
export { type CountedPerson, toPersonView } from './person-view';
