/**
 * The sync methods' server-side paths, each held to its kind before anything is read or
 * written (kernel/server-path.ts has the rules). A bundle folder must hold at least one of
 * a bundle's own files: a folder that is no bundle is refused as such, and its contents are
 * never walked nor named in a result or an error.
 */
import { type CoreContext, checkServerPath } from '../kernel';
import { MANIFEST, SIGNATURE, TAGMANIFEST } from './bagit';

const BUNDLE_MARKERS = ['bag-info.txt', 'bagit.txt', MANIFEST, TAGMANIFEST, SIGNATURE] as const;

/** A bundle (changes, enrollment or downlink) to verify, inspect or import. */
export const bundleDirPath = (dir: string, what = '数据包目录'): string =>
  checkServerPath(dir, { kind: 'bundle', what, markers: BUNDLE_MARKERS, missing: 'BUNDLE_NOT_FOUND' });

/** A bureau receipt: `<bundle id>.json` (its size and that it is a regular file: receipt-format.ts). */
export const receiptFilePath = (file: string): string =>
  checkServerPath(file, { kind: 'readFile', what: '回执文件', ext: '.json', missing: 'RECEIPT_INVALID' });

/** The stick folder a bundle, enrollment bundle or downlink is written into. */
export const outDirPath = (ctx: CoreContext, dir: string): string =>
  checkServerPath(dir, { kind: 'writeDir', what: '写出目录', missing: 'STICK_GONE', dataDir: ctx.dataDir });

/** A new file written by the core (the bureau's age identity). */
export const outFilePath = (ctx: CoreContext, file: string): string =>
  checkServerPath(file, { kind: 'writeFile', what: '输出文件', dataDir: ctx.dataDir });
