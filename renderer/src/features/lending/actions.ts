/** What the 借阅利用 screen asks of the core: one named action per request. */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const createLoan = (input: MethodInput<'lending.create'>) => call('lending.create', input);
export const listLoans = (input: MethodInput<'lending.list'>) => call('lending.list', input);
export const decideLoan = (input: MethodInput<'lending.decide'>) => call('lending.decide', input);
export const handOut = (code: string) => call('lending.handOut', { code });
export const returnLoan = (input: MethodInput<'lending.return'>) => call('lending.return', input);
export const overdue = () => call('lending.overdue', {});
export const register = (year: number, format: 'pdf' | 'xlsx') => call('lending.register', { year, format });
export const reminders = () => call('lending.reminders', {});
