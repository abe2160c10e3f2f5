/**
 * Items and volumes (件, 案卷), their 档号, placement and queries, person views of them, and the
 * catalogue.* and persons.* methods.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { countBureauItems, iterateBureauItems, readsStations } from './bureau-items';
export { itemArchiveCode, type ItemClass, nextItemNo, resolveClass, type VolumeRef } from './class';
export { excelSerialDate, isValidYmd, normalizeDate } from './dates';
export { validateExtra } from './extra-fields';
export { catalogueHandlers } from './handlers';
export { assertClearance, insertItem, loadItem, type NewItem, updateItem } from './items';
export { personHandlers } from './person-handlers';
export { countWhere, iterateItems, queryWhere, warmDefaultView } from './query';
export { type ItemRecord, toItemView } from './rows';
export { withoutStation } from './station-guard';
export { getVolume, listVolumes } from './volumes';
export { securityLevelOf } from './rows';
export { softDelete } from './soft-delete';
