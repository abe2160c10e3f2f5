import { AppError } from '../kernel/errors';
import type { Handlers } from '../kernel/handler';

// Being implemented (catalogue import from .xlsx/.csv).
export const importHandlers = {
  'import.preview': () => {
    throw new AppError('INTERNAL', '导入功能尚未完成');
  },
  'import.commit': () => {
    throw new AppError('INTERNAL', '导入功能尚未完成');
  },
} satisfies Partial<Handlers>;
