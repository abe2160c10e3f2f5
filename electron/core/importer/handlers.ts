import { sessionOf, type Handlers } from '../kernel/handler';
import { commitImport, previewImport } from './service';

/** import.commit is a mutating method: dispatch runs it under the write lock. */
export const importHandlers = {
  'import.preview': (env, src) => previewImport(env.ctx, sessionOf(env), src),
  'import.commit': (env, src) => commitImport(env.ctx, sessionOf(env), src),
} satisfies Partial<Handlers>;
