/**
 * What the user accounts screen ask of the core: one named action per request, so components
 * never call the client themselves (eslint forbids api/client in feature components).
 */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const createUser = (input: MethodInput<'users.create'>) => call('users.create', input);
export const listUsers = () => call('users.list', {});
export const updateUser = (input: MethodInput<'users.update'>) => call('users.update', input);
