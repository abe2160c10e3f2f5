/**
 * What the USB sync screens ask of the core: one named action per request, so components
 * never call the client themselves (eslint forbids api/client in feature components).
 */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const addStation = (input: MethodInput<'sync.stations.add'>) => call('sync.stations.add', input);
export const enroll = (input: MethodInput<'sync.enroll'>) => call('sync.enroll', input);
export const exportBundle = (input: MethodInput<'sync.bundle.export'>) => call('sync.bundle.export', input);
export const exportDownlink = (input: MethodInput<'sync.downlink.export'>) => call('sync.downlink.export', input);
export const getConflict = (input: MethodInput<'sync.conflicts.get'>) => call('sync.conflicts.get', input);
export const importBundle = (input: MethodInput<'sync.bundle.import'>) => call('sync.bundle.import', input);
export const importDownlink = (input: MethodInput<'sync.downlink.import'>) => call('sync.downlink.import', input);
export const importReceipt = (input: MethodInput<'sync.receipt.import'>) => call('sync.receipt.import', input);
export const inspectBundle = (input: MethodInput<'sync.bundle.inspect'>) => call('sync.bundle.inspect', input);
export const listConflicts = () => call('sync.conflicts.list', {});
export const listStationRecords = (input: MethodInput<'sync.stations.records'>) => call('sync.stations.records', input);
export const resolveConflict = (input: MethodInput<'sync.conflicts.resolve'>) => call('sync.conflicts.resolve', input);
export const revokeStation = (input: MethodInput<'sync.stations.revoke'>) => call('sync.stations.revoke', input);
export const rotateKey = () => call('sync.keys.rotate', {});
export const unlockKeys = (input: MethodInput<'sync.keys.unlock'>) => call('sync.keys.unlock', input);
export const bureauRanking = () => call('statistics.bureau.stations', {});
export const countyReport = (year: number) => call('statistics.bureau.county', { year });
