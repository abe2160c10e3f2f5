/**
 * What the intake and verify screens ask of the core: one named action per request, so components
 * never call the client themselves (eslint forbids api/client in feature components).
 */
import type { CoreEvents, MethodInput } from '../../../../electron/contract';
import { call, subscribe } from '../../api/client';

export const acceptVerifiedFields = (input: MethodInput<'verify.accept'>) => call('verify.accept', input);
export const attachPages = (input: MethodInput<'pages.attach'>) => call('pages.attach', input);
export const cancelBatchOcr = (input: MethodInput<'ocr.cancel'>) => call('ocr.cancel', input);
export const cancelScan = (input: MethodInput<'scan.cancel'>) => call('scan.cancel', input);
export const commitBatchRecords = (input: MethodInput<'scan.batchRecords.commit'>) =>
  call('scan.batchRecords.commit', input);
export const enqueueOcr = (input: MethodInput<'ocr.enqueue'>) => call('ocr.enqueue', input);
export const getItem = (input: MethodInput<'catalogue.get'>) => call('catalogue.get', input);
export const getVerifyPage = (input: MethodInput<'verify.get'>) => call('verify.get', input);
export const uploadPageFiles = (input: MethodInput<'intake.importFiles'>) => call('intake.importFiles', input);
export const listPages = (input: MethodInput<'pages.list'>) => call('pages.list', input);
export const listScanners = () => call('scan.devices', {});
export const loadVerifyQueue = (input: MethodInput<'verify.queue'>) => call('verify.queue', input);
export const onOcrProgress = (cb: (ev: CoreEvents['ocr.progress']) => void): (() => void) =>
  subscribe('ocr.progress', cb);
export const previewBatchRecords = (input: MethodInput<'scan.batchRecords.preview'>) =>
  call('scan.batchRecords.preview', input);
export const queryCatalogue = (input: MethodInput<'catalogue.query'>) => call('catalogue.query', input);
export const removePage = (input: MethodInput<'pages.remove'>) => call('pages.remove', input);
export const replacePage = (input: MethodInput<'pages.replace'>) => call('pages.replace', input);
export const rotatePage = (input: MethodInput<'pages.rotate'>) => call('pages.rotate', input);
export const saveHotFolder = (input: MethodInput<'hotfolder.set'>) => call('hotfolder.set', input);
export const skipPage = (input: MethodInput<'pages.skip'>) => call('pages.skip', input);
export const startScan = (input: MethodInput<'scan.start'>) => call('scan.start', input);
