/** What the 打印 dialog asks of the core: the PDF of one standard document (print.document). */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const printDocument = (input: MethodInput<'print.document'>) => call('print.document', input);
