/**
 * What the persons screen ask of the core: one named action per request, so components
 * never call the client themselves (eslint forbids api/client in feature components).
 */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const getPerson = (input: MethodInput<'persons.get'>) => call('persons.get', input);
export const searchPersons = (input: MethodInput<'persons.search'>) => call('persons.search', input);
