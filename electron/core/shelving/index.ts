/**
 * Where the paper stands (库位、装盒): storage places, boxes, their locations and moves, and
 * the label codes every barcode carries.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { type BoxClass, boxCode } from './box-code';
export { boxHandlers } from './box-handlers';
export { LABEL_KINDS, type LabelKind, labelPayload, parseLabel, type ResolvedLabel, resolveLabel } from './label-codes';
export { locationOf, type MoveReason, moveTo, type PlacedEntity, type PlaceMove } from './moves';
export { type Holding, holdingsUnder, loadPlaceTree, placePath, type PlaceTree, subtreeIds } from './tree';
export { placeHandlers } from './place-handlers';
export { whereabouts } from './whereabouts';
export { itemIdsUnder, placeFilterSql } from './place-filter';
