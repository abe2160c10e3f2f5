/** What the 库位 screen and a record's 存放位置 ask of the core: one named action per request. */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const loadTree = () => call('places.tree', {});
export const setLevels = (names: string[]) => call('places.levels.set', { names });
export const savePlace = (input: MethodInput<'places.save'>) => call('places.save', input);
export const deletePlace = (id: string) => call('places.delete', { id });
export const generateShelves = (input: MethodInput<'places.generate'>) => call('places.generate', input);
export const loadHoldings = (placeId: string) => call('places.holdings', { placeId });
export const moveHoldings = (input: MethodInput<'places.move'>) => call('places.move', input);
export const loadWhereabouts = (input: MethodInput<'places.whereabouts'>) => call('places.whereabouts', input);

/** A place code as typed, or as a keyboard-wedge scanner types its label (`P/<code>`). */
export const codeFromScan = (text: string): string => text.trim().replace(/^P\//i, '').trim();
