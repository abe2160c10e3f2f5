/**
 * What the classification-scheme screen ask of the core: one named action per request, so components
 * never call the client themselves (eslint forbids api/client in feature components).
 */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const deleteCategory = (input: MethodInput<'scheme.delete'>) => call('scheme.delete', input);
export const saveCategory = (input: MethodInput<'scheme.save'>) => call('scheme.save', input);
