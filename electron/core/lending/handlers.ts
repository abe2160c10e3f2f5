/** The lending.* methods of the contract: 借阅 / 利用. */
import { type HandlerEnv, type Handlers, sessionOf } from '../kernel';
import { utilisationCounts } from './counts';
import { handOut, overdueLoans, returnLoan } from './desk';
import { printRegister, printReminders } from './register';
import { createLoan, decideLoan, listLoans } from './requests';
import { lendingRules } from './rules';

const me = (env: HandlerEnv) => sessionOf(env);

export const lendingHandlers = {
  'lending.create': (env, input) => createLoan(env.ctx, me(env), input),
  'lending.list': (env, input) => listLoans(env.ctx, me(env), input),
  'lending.decide': (env, input) => decideLoan(env.ctx, me(env), input),
  'lending.handOut': (env, input) => handOut(env.ctx, me(env), input),
  'lending.return': (env, input) => returnLoan(env.ctx, me(env), input),
  'lending.overdue': (env) => overdueLoans(env.ctx, me(env)),
  'lending.counts': (env, input) => utilisationCounts(env.ctx, input.year),
  'lending.rules': (env) => lendingRules(env.ctx),
  'lending.register': (env, input) => printRegister(env.ctx, me(env), input.year, input.format),
  'lending.reminders': (env, input) => printReminders(env.ctx, me(env), input.recordIds),
} satisfies Partial<Handlers>;
