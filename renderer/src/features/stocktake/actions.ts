/** What the 盘点 screen asks of the core: one named action per request. */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const listOpen = () => call('stocktake.list', { status: 'open' });
export const startStocktake = (input: MethodInput<'stocktake.start'>) => call('stocktake.start', input);
export const getReport = (id: string) => call('stocktake.get', { id });
export const scanCode = (input: MethodInput<'stocktake.scan'>) => call('stocktake.scan', input);
export const decodePhoto = (input: MethodInput<'stocktake.decodePhoto'>) => call('stocktake.decodePhoto', input);
export const acceptStocktake = (id: string) => call('stocktake.accept', { id });
export const cancelStocktake = (id: string) => call('stocktake.cancel', { id });
export const printReport = (id: string) => call('stocktake.print', { id });
export const exportReport = (id: string) => call('stocktake.export', { id });
