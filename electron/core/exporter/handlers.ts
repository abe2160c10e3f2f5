import { AppError } from '../kernel/errors';
import type { Handlers } from '../kernel/handler';

// Being implemented (export of the current view to .xlsx).
export const exportHandlers = {
  'catalogue.export': () => {
    throw new AppError('INTERNAL', '导出功能尚未完成');
  },
} satisfies Partial<Handlers>;
