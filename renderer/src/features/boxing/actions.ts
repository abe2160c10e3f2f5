/**
 * What the 装盒 dialog asks of the core: one named action per request, so the components
 * never call the client themselves.
 */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const proposeBoxing = (input: MethodInput<'boxes.propose'>) => call('boxes.propose', input);
export const confirmBoxing = (input: MethodInput<'boxes.confirm'>) => call('boxes.confirm', input);
export const listBoxes = (input: MethodInput<'boxes.list'>) => call('boxes.list', input);
export const getBox = (input: MethodInput<'boxes.get'>) => call('boxes.get', input);
