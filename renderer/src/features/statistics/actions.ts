/** What the 统计年报 screen asks of the core: one named action per request. */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const annual = (year: number) => call('statistics.annual', { year });
export const drill = (year: number, key: string) => call('statistics.drill', { year, key, limit: 1000 });
export const profile = (year: number) => call('statistics.profile.get', { year });
export const saveProfile = (input: MethodInput<'statistics.profile.set'>) => call('statistics.profile.set', input);
export const close = (year: number, password: string, comment: string) =>
  call('statistics.close', { year, password, comment });

/** 打印 / 导出 the year's report in the 档基 layout (PDF) or as .xlsx: the figures the screen shows. */
export const printAnnual = (year: number, format: 'pdf' | 'xlsx') => call('statistics.print', { year, format });
