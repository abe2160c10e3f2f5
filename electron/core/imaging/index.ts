/** Page images: decoding incoming files and cleaning scanned pages for storage and OCR. */
export { assessBlank, type BlankVerdict, isBlankPage } from './blank';
export type { Rect } from './crop';
export { decodePages, type DecodeInput } from './decode';
export { deskew, estimateSkew } from './deskew';
export { type PageFormat, sniffFormat } from './format';
export { type ProcessedPage, type ProcessOptions, processPage } from './process';
export { encodeGreyPng, type GreyImage, loadGrey } from './raw';
export { findRules, type Line, type Rules } from './rules';
export { type Frame, tableFrame } from './table';
export { binarize } from './threshold';
export { makeThumbnail } from './thumb';
export type { DecodedPage, DecodeLimits, DecodeResult } from './types';
export { removeRules } from './unrule';
