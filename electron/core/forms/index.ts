/**
 * Form templates and reading a scanned page through them (OCR, template detection, field checks).
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { BUILTIN_TEMPLATES } from './builtin';
export { formHandlers } from './handlers';
export { DICTIONARIES, dictionaryFor, type FieldDictionary } from './dictionary';
export { fieldsByLabels, type LabelRead } from './label-fields';
export { findPairs, type LabelPair, type PagePairs, type PixelBox } from './label-pairs';
export { type Cell, layTable, type Row } from './layout';
export { type FieldRead, type PageReading, readPage } from './read-page';
export { writeTemplate } from './store';
export { findTemplate, templatesFor } from './templates';
export { checkDate, checkField } from './validate';
export { VOCAB } from './vocab';
