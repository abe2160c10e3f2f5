/**
 * The demo lending history's writes, each prepared once and run per row (building a drizzle
 * query per row cost more than the writes themselves). The rows and columns are the ones
 * lending/requests.ts and desk.ts write.
 */
import { eq, getTableColumns, sql, type Table } from 'drizzle-orm';
import {
  loanDecisions,
  loanRecords,
  loanRequests,
  signatures,
  type LoanDecisionRecord,
  type LoanRecordRecord,
  type LoanRequestRecord,
  type SignatureRecord,
} from '../../../db/schema';
import type { CoreContext } from '../kernel';

const p = sql.placeholder;

/** Every named column as a placeholder of the same name (the row object is passed at run). */
function slots<T>(keys: readonly (keyof T & string)[]): T {
  return Object.fromEntries(keys.map((k) => [k, p(k)])) as T;
}
/** Every column key of a table. */
const all = <T extends Table>(t: T) => Object.keys(getTableColumns(t)) as (keyof T['$inferInsert'] & string)[];

/** What a return writes on a record. */
export type Returned = Pick<
  LoanRecordRecord,
  | 'id'
  | 'returnedAt'
  | 'receivedBy'
  | 'receivedByName'
  | 'pagesChecked'
  | 'intact'
  | 'solved'
  | 'servedWhat'
  | 'outcomeText'
  | 'copyPages'
>;

export function loanStatements(ctx: CoreContext) {
  const o = ctx.orm;
  // Placeholders stand for the values: the set objects are typed as what they are filled with.
  const set = (v: Record<string, unknown>) => v as never;
  return {
    request: o
      .insert(loanRequests)
      .values(slots<LoanRequestRecord>(all(loanRequests)))
      .prepare(),
    record: o
      .insert(loanRecords)
      .values(slots<LoanRecordRecord>(all(loanRecords)))
      .prepare(),
    signature: o
      .insert(signatures)
      .values(slots<SignatureRecord>(all(signatures)))
      .prepare(),
    decision: o
      .insert(loanDecisions)
      .values(slots<LoanDecisionRecord>(all(loanDecisions)))
      .prepare(),
    /** { id, status, version, at } */
    requestStatus: o
      .update(loanRequests)
      .set(set({ status: p('status'), version: p('version'), updatedAt: p('at') }))
      .where(eq(loanRequests.id, p('id')))
      .prepare(),
    /** { id, at, by, byName, due } */
    handOut: o
      .update(loanRecords)
      .set(
        set({
          status: 'out',
          outAt: p('at'),
          outBy: p('by'),
          outByName: p('byName'),
          dueDate: p('due'),
          version: 2,
          updatedAt: p('at'),
        }),
      )
      .where(eq(loanRecords.id, p('id')))
      .prepare(),
    /** Returned & { at } */
    returned: o
      .update(loanRecords)
      .set(
        set({
          ...slots<Omit<Returned, 'id'>>([
            'returnedAt',
            'receivedBy',
            'receivedByName',
            'pagesChecked',
            'intact',
            'solved',
            'servedWhat',
            'outcomeText',
            'copyPages',
          ]),
          status: 'returned',
          version: 3,
          updatedAt: p('returnedAt'),
        }),
      )
      .where(eq(loanRecords.id, p('id')))
      .prepare(),
  };
}
