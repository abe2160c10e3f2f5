/**
 * What the first-run setup wizard ask of the core: one named action per request, so components
 * never call the client themselves (eslint forbids api/client in feature components).
 */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const initializeArchive = (input: MethodInput<'setup.initialize'>) => call('setup.initialize', input);
