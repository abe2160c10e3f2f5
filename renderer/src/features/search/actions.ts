/**
 * What the search screen ask of the core: one named action per request, so components
 * never call the client themselves (eslint forbids api/client in feature components).
 */
import type { CoreEvents, MethodInput } from '../../../../electron/contract';
import { call, subscribe } from '../../api/client';

export const deleteSavedSearch = (input: MethodInput<'search.saved.delete'>) => call('search.saved.delete', input);
export const getIndexStatus = () => call('search.status', {});
export const getItem = (input: MethodInput<'catalogue.get'>) => call('catalogue.get', input);
export const onJobProgress = (cb: (ev: CoreEvents['job.progress']) => void): (() => void) =>
  subscribe('job.progress', cb);
export const rebuildIndex = () => call('search.reindex', {});
export const saveSearch = (input: MethodInput<'search.saved.save'>) => call('search.saved.save', input);
