import { sessionOf, type Handlers } from '../kernel';
import { categoryTemplate, commitImport, previewImport } from './service';

/** import.commit is a mutating method: dispatch runs it under the write lock. */
export const importHandlers = {
  'import.preview': (env, src) => previewImport(env.ctx, sessionOf(env), src),
  'import.commit': (env, src) => commitImport(env.ctx, sessionOf(env), src),
  'import.template': (env, q) => categoryTemplate(env.ctx, q.categoryId),
} satisfies Partial<Handlers>;
