/**
 * What the audit log screen ask of the core: one named action per request, so components
 * never call the client themselves (eslint forbids api/client in feature components).
 */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const listAudit = (input: MethodInput<'audit.list'>) => call('audit.list', input);
export const verifyAuditChain = () => call('audit.verify', {});
