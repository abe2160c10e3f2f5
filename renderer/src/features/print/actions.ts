/** What the 打印 dialog asks of the core: the PDF of one standard document (print.document). */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const printDocument = (input: MethodInput<'print.document'>) => call('print.document', input);
/** The 卷内备考表 lines a volume's arrangement batch signed (null: no batch holds it). */
export const volumeNotes = (volumeId: string) => call('arrangement.notes', { volumeId });
