/**
 * What the catalogue screens (records, volumes, pages) ask of the core: one named action per request, so components
 * never call the client themselves (eslint forbids api/client in feature components).
 */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const attachPages = (input: MethodInput<'pages.attach'>) => call('pages.attach', input);
export const correctPlacement = (input: MethodInput<'catalogue.correctPlacement'>) =>
  call('catalogue.correctPlacement', input);
export const correctVolumePlacement = (input: MethodInput<'volumes.correctPlacement'>) =>
  call('volumes.correctPlacement', input);
export const createItem = (input: MethodInput<'catalogue.create'>) => call('catalogue.create', input);
export const createVolume = (input: MethodInput<'volumes.create'>) => call('volumes.create', input);
export const deleteItem = (input: MethodInput<'catalogue.delete'>) => call('catalogue.delete', input);
export const deleteVolume = (input: MethodInput<'volumes.delete'>) => call('volumes.delete', input);
export const exportCatalogue = (input: MethodInput<'catalogue.export'>) => call('catalogue.export', input);
export const getDeletion = (input: MethodInput<'catalogue.deletion'>) => call('catalogue.deletion', input);
export const getItem = (input: MethodInput<'catalogue.get'>) => call('catalogue.get', input);
export const getPageText = (input: MethodInput<'pages.text'>) => call('pages.text', input);
export const getVolume = (input: MethodInput<'volumes.get'>) => call('volumes.get', input);
export const listPages = (input: MethodInput<'pages.list'>) => call('pages.list', input);
export const listRecordPages = (input: MethodInput<'pages.ofRecord'>) => call('pages.ofRecord', input);
export const loadCodeHistory = (input: MethodInput<'catalogue.codeHistory'>) => call('catalogue.codeHistory', input);
export const loadTree = (input: MethodInput<'catalogue.tree'>) => call('catalogue.tree', input);
export const previewPlacement = (input: MethodInput<'catalogue.placementPreview'>) =>
  call('catalogue.placementPreview', input);
export const previewVolumePlacement = (input: MethodInput<'volumes.placementPreview'>) =>
  call('volumes.placementPreview', input);
export const renumber = (input: MethodInput<'catalogue.renumber'>) => call('catalogue.renumber', input);
export const restoreItem = (input: MethodInput<'catalogue.restore'>) => call('catalogue.restore', input);
export const updateItem = (input: MethodInput<'catalogue.update'>) => call('catalogue.update', input);
export const updateVolume = (input: MethodInput<'volumes.update'>) => call('volumes.update', input);
