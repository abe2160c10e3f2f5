/**
 * What the form-template screens ask of the core: one named action per request, so components
 * never call the client themselves (eslint forbids api/client in feature components).
 */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const deleteTemplate = (input: MethodInput<'forms.templates.delete'>) => call('forms.templates.delete', input);
export const draftFromPage = (input: MethodInput<'forms.templates.fromPage'>) =>
  call('forms.templates.fromPage', input);
export const proposeFromPage = (input: MethodInput<'forms.templates.proposeFromPage'>) =>
  call('forms.templates.proposeFromPage', input);
export const getTemplate = (input: MethodInput<'forms.templates.get'>) => call('forms.templates.get', input);
export const importTemplate = (input: MethodInput<'forms.templates.import'>) => call('forms.templates.import', input);
export const listBatches = (input: MethodInput<'scan.batches'>) => call('scan.batches', input);
export const listPages = (input: MethodInput<'pages.list'>) => call('pages.list', input);
export const saveTemplate = (input: MethodInput<'forms.templates.save'>) => call('forms.templates.save', input);
