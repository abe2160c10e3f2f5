/**
 * What the archive-room screen asks of the core: one named action per request, so the
 * components never call the client themselves.
 */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const listRooms = () => call('env.rooms.list', {});
export const saveRoom = (input: MethodInput<'env.rooms.save'>) => call('env.rooms.save', input);
export const addReading = (input: MethodInput<'env.readings.add'>) => call('env.readings.add', input);
export const listReadings = (input: MethodInput<'env.readings.list'>) => call('env.readings.list', input);
export const importReadings = (input: MethodInput<'env.readings.import'>) => call('env.readings.import', input);
export const setReadingAction = (input: MethodInput<'env.readings.setAction'>) => call('env.readings.setAction', input);
export const createCheck = (input: MethodInput<'env.checks.create'>) => call('env.checks.create', input);
export const listChecks = (input: MethodInput<'env.checks.list'>) => call('env.checks.list', input);
export const closeFinding = (input: MethodInput<'env.findings.close'>) => call('env.findings.close', input);
