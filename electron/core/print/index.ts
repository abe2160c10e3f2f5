/**
 * Printing: documents described as data (pages, ruled tables that break across pages,
 * fixed cells), laid out apart from drawing, and rendered to PDF with the shipped CJK font
 * subset into each file; the standard documents of the reference and the print.* methods.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { printHandlers } from './handlers';
export { renderLabels, renderLabelTest } from './label-render';
export type { LabelContent } from './label-data';
export { renderPdf, type RenderedPdf } from './render';
export { layoutDocument } from './layout';
export { FONT_NAME, MISSING_MARK } from './font';
export { volumeCatalogueDoc, type CatalogueVolume } from './catalogue-documents';
export { stampDoc, type StampItem } from './stamp-document';
export type { DocSpec, LaidPage, Metrics, Op } from './layout-types';
