/** What the 条码标签 dialog asks of the core: labels, a test page, the offsets, 盒脊/盒底. */
import type { LabelSettings, MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const printLabels = (input: MethodInput<'print.labels'>) => call('print.labels', input);
export const printLabelTest = (input: MethodInput<'print.labelTest'>) => call('print.labelTest', input);
export const loadLabelSettings = () => call('print.labelSettings', {});
export const saveLabelSettings = (s: LabelSettings) => call('print.saveLabelSettings', s);
export const printBoxDocument = (input: MethodInput<'print.document'>) => call('print.document', input);
