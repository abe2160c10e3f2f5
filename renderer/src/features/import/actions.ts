/**
 * What the catalogue import screen ask of the core: one named action per request, so components
 * never call the client themselves (eslint forbids api/client in feature components).
 */
import type { CoreEvents, MethodInput } from '../../../../electron/contract';
import { call, subscribe } from '../../api/client';

export const commitImport = (input: MethodInput<'import.commit'>) => call('import.commit', input);
export const getImportTemplate = (input: MethodInput<'import.template'>) => call('import.template', input);
export const onJobProgress = (cb: (ev: CoreEvents['job.progress']) => void): (() => void) =>
  subscribe('job.progress', cb);
export const previewImport = (input: MethodInput<'import.preview'>) => call('import.preview', input);
