/**
 * OCR engines (tesseract.js, PP-OCR), the page-text store, the OCR job queue and the searchable-PDF
 * text layer.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { readCells } from './cells';
export { openEngine } from './choose';
export { ENGINE_CHOICES, type EngineChoice, type OcrEngine } from './engine';
export { OcrEngineHost } from './engine-host';
export { stageLangData } from './lang-data';
export { syncItemTexts, writePageText } from './page-text';
export { mergePdfs } from './pdf-merge';
export { textLayerPdf } from './pdf-text-layer';
export { defaultPoolSize, type OcrLine, type OcrOutput, OcrPool } from './pool';
export { defaultPpocrThreads, PpocrEngine } from './ppocr/engine';
export { batchTemplateOf, cancelOcr, hasPendingOcr, liveJob, queueOcr } from './queue';
export { rowMajorText } from './reading-order';
export { TESSERACT_LABEL, TesseractEngine } from './tesseract-engine';
export { editDistance, levenshtein, stripCjkSpaces } from './text';
