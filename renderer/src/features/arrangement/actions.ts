/** What the 整理验收 screen asks of the core: one named action per request. */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const listBatches = () => call('arrangement.list', {});
export const createBatch = (input: MethodInput<'arrangement.create'>) => call('arrangement.create', input);
export const assign = (input: MethodInput<'arrangement.assign'>) => call('arrangement.assign', input);
export const selfCheck = (id: string) => call('arrangement.selfCheck', { id });
export const signStep = (input: MethodInput<'arrangement.sign'>) => call('arrangement.sign', input);
export const printRecord = (id: string) => call('arrangement.print', { id });
