/** What the 鉴定销毁 screen asks of the core: one named action per request. */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const due = () => call('appraisal.due', { limit: 200 });
export const decide = (input: MethodInput<'appraisal.decide'>) => call('appraisal.decide', input);
export const hold = (input: MethodInput<'appraisal.hold'>) => call('appraisal.hold', input);
export const lists = () => call('destruction.list', {});
export const createList = (input: MethodInput<'destruction.create'>) => call('destruction.create', input);
export const approve = (id: string, password: string) => call('destruction.approve', { id, password });
export const execute = (id: string) => call('destruction.execute', { id });
export const printList = (id: string, format: 'pdf' | 'xlsx') => call('destruction.print', { id, format });
export const openingDue = () => call('opening.due', { limit: 200 });
export const openingDecide = (input: MethodInput<'opening.decide'>) => call('opening.decide', input);
export const openingPrint = (format: 'pdf' | 'xlsx') => call('opening.print', { format });
export const changeSecurity = (input: MethodInput<'security.change'>) => call('security.change', input);
