/**
 * What the settings screen ask of the core: one named action per request, so components
 * never call the client themselves (eslint forbids api/client in feature components).
 */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const checkOcrEngines = () => call('ocr.settings.check', {});
export const getOcrSettings = () => call('ocr.settings.get', {});
export const setOcrSettings = (input: MethodInput<'ocr.settings.set'>) => call('ocr.settings.set', input);
