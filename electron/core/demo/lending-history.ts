/**
 * The demo's lending history (issue 19): about one request per 200 demo items (capped), over the
 * last three years up to the injected "now" — officers, other units with a 介绍信, citizens looking
 * up their own records (some filed by an officer on their behalf) — approved or rejected by the
 * demo's station head with a signature, handed out and returned with pages checked and the
 * 利用效果; a few still pending or waiting, some out, some of those overdue. The rows are the
 * ones the contract writes (lending/requests.ts, desk.ts), with their change log, but written in
 * bulk without a password check, like the rest of the demo; the signed content is what
 * decideLoan signs (lending's signedDecision), so every contentHash can be checked.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
  users,
  type LoanDecisionRecord,
  type LoanRecordRecord,
  type LoanRequestRecord,
  type SignatureRecord,
  type UserRecord,
} from '../../../db/schema';
import type { BorrowerKind, LoanWay } from '../../contract/lending';
import { hashPassword, insertUser } from '../auth';
import { type CoreContext, nodeIdOf, recordChange } from '../kernel';
import { headReasons, lendingRules, localDay, signedDecision, viewOf } from '../lending';
import { contentHash } from '../signature';
import { type Picked, Picker } from './lending-picks';
import { loanStatements, type Returned } from './lending-stmts';
import * as V from './lending-vocab';
import { Rng, Weighted } from './rng';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MAX_REQUESTS = 2_000;

export interface LendingHistoryResult {
  requests: number;
  records: number;
  closed: number;
  rejected: number;
  pending: number;
  approved: number;
  out: number;
  overdue: number;
}

/** Requests for a demo of `items` items: one per ~200, at least 20 once there are 50 items, at most 2,000. */
export const requestsFor = (items: number): number =>
  items < 50 ? 0 : Math.min(MAX_REQUESTS, Math.max(20, Math.round(items / 200)));

type Fate = 'closed' | 'rejected' | 'overdue' | 'out' | 'approved' | 'pending';

/** A fixed mix, so even a small demo has every state: 1 in 16 rejected, 1 in 16 overdue, … */
function fateOf(i: number): Fate {
  if (i % 16 === 5) return 'rejected';
  if (i % 16 === 11) return 'overdue';
  if (i % 20 === 3) return 'pending';
  if (i % 20 === 13) return 'out';
  if (i % 40 === 17) return 'approved';
  return 'closed';
}

/** A demo account (made once, with a random password the administrator resets to use it). */
export function demoAccount(ctx: CoreContext, username: string, displayName: string, role: UserRecord['role']) {
  const had = ctx.orm.select().from(users).where(eq(users.username, username)).get();
  if (had) return had;
  const passwordHash = hashPassword(randomBytes(18).toString('base64url'), ctx.passwordCost);
  const u = insertUser(ctx, nodeIdOf(ctx), {
    username,
    displayName,
    role,
    clearance: 2,
    passwordHash,
    mustChangePassword: true,
  });
  recordChange(ctx, 'user', u.id, 1, 'insert');
  return u;
}

export const noLendingHistory = (): LendingHistoryResult => ({
  requests: 0,
  records: 0,
  closed: 0,
  rejected: 0,
  pending: 0,
  approved: 0,
  out: 0,
  overdue: 0,
});

export function lendingHistoryDemo(ctx: CoreContext, seed: string, demoItems: number): LendingHistoryResult {
  const out = noLendingHistory();
  const n = requestsFor(demoItems);
  if (n === 0) return out;
  const rng = new Rng(`${seed}:lending`);
  const node = nodeIdOf(ctx);
  const now = ctx.clock.now().getTime();
  const iso = (t: number) => new Date(Math.min(t, now - 60_000)).toISOString();
  const plusDays = (day: string, d: number) =>
    localDay(new Date(new Date(`${day}T12:00:00`).getTime() + d * DAY).toISOString());
  const head = demoAccount(ctx, 'demo_head', '周所长', 'head');
  const clerk = demoAccount(ctx, 'demo_clerk', '陈档案员', 'clerk');
  const today = localDay(iso(now));
  const who = (u: UserRecord) => `${u.displayName}(${u.username})`;
  const rules = lendingRules(ctx);
  const picker = new Picker(ctx, rng);
  const put = loanStatements(ctx);
  const kinds = new Weighted<BorrowerKind>([
    ['officer', 6],
    ['unit', 2],
    ['citizen', 3],
  ]);
  const purposes = Object.fromEntries(Object.entries(V.PURPOSES).map(([k, v]) => [k, new Weighted(v)]));
  const ways = Object.fromEntries(Object.entries(V.WAYS).map(([k, v]) => [k, new Weighted(v)]));
  for (let i = 0; i < n; i++) {
    const fate = fateOf(i);
    const kind: BorrowerKind = fate === 'overdue' || fate === 'out' ? 'officer' : kinds.pick(rng);
    const purpose = purposes[kind]!.pick(rng);
    const way: LoanWay = fate === 'overdue' || fate === 'out' ? '借出' : ways[kind]!.pick(rng);
    const maxLevel = kind === 'officer' ? 2 : kind === 'unit' ? 1 : 0;
    const inHouse = kind === 'officer' ? [] : rules.inHouseCategories;
    const recs = [...Array(rng.chance(0.7) ? 1 : rng.range(2, 3))]
      .map(() => picker.pick(maxLevel, inHouse))
      .filter((r): r is Picked => r !== null);
    if (recs.length === 0) continue;
    const back =
      fate === 'overdue'
        ? 25 + rng.int(120)
        : fate === 'closed' || fate === 'rejected'
          ? 15 + rng.int(3 * 365 - 15)
          : rng.int(4);
    const filedAt = now - back * DAY - HOUR - rng.int(7 * HOUR);
    const fromDate = localDay(iso(filedAt));
    const dueDate = plusDays(
      fromDate,
      way === '借出' ? (fate === 'overdue' ? rng.range(7, 14) : rng.range(10, 30)) : rng.range(0, 1),
    );
    const self = kind === 'citizen' ? picker.personOf(recs[0]!) : undefined;
    const onBehalf = !!self && rng.chance(0.4);
    const name = self?.name ?? V.personName(rng);
    const row: LoanRequestRecord = {
      id: ctx.ids(),
      nodeId: node,
      version: 1,
      borrowerKind: kind,
      borrowerName: name,
      borrowerUnit: kind === 'officer' ? rng.pick(V.OFFICER_UNITS) : kind === 'unit' ? rng.pick(V.OTHER_UNITS) : '',
      borrowerIdNo: kind === 'officer' ? String(rng.range(100_000, 199_999)) : (self?.idNumber ?? ''),
      letterNo: kind === 'unit' ? `介字〔${fromDate.slice(0, 4)}〕${rng.range(1, 200)}号` : '',
      contact: V.phone(rng),
      ownRecords: !!self,
      onBehalf,
      purpose,
      way,
      reason: rng.pick(V.REASONS[purpose]),
      fromDate,
      dueDate,
      status: 'pending',
      headReasons: JSON.stringify(headReasons(rules, { borrowerKind: kind, way, records: recs })),
      filedBy: clerk.id,
      filedByName: who(clerk),
      filedAt: iso(filedAt),
      createdAt: iso(filedAt),
      updatedAt: iso(filedAt),
    };
    put.request.run(row);
    recordChange(ctx, 'loan_request', row.id, 1, 'insert');
    const filed = recs.map((r) => {
      const id = ctx.ids();
      const { id: entityId, ...rest } = r;
      const filedRecord: LoanRecordRecord = {
        ...rest,
        id,
        nodeId: node,
        version: 1,
        requestId: row.id,
        entityId,
        status: 'requested',
        outAt: null,
        outBy: null,
        outByName: null,
        dueDate: null,
        returnedAt: null,
        receivedBy: null,
        receivedByName: null,
        pagesChecked: null,
        intact: null,
        solved: null,
        servedWhat: '',
        outcomeText: '',
        copyPages: 0,
        createdAt: row.filedAt,
        updatedAt: row.filedAt,
      };
      put.record.run(filedRecord);
      recordChange(ctx, 'loan_record', id, 1, 'insert');
      return filedRecord;
    });
    out.requests++;
    out.records += recs.length;
    if (fate === 'pending') {
      out.pending++;
      continue;
    }
    decide(fate === 'rejected' ? 'rejected' : 'approved', row, filed, filedAt + 10 * 60_000 + rng.int(4 * HOUR));
    if (fate === 'rejected' || fate === 'approved') {
      out[fate]++;
      continue;
    }
    const outAt = iso(filedAt + 5 * HOUR + rng.int(20 * HOUR));
    const recIds = filed.map((r) => r.id);
    for (const id of recIds) {
      put.handOut.run({ id, at: outAt, by: clerk.id, byName: who(clerk), due: dueDate });
      recordChange(ctx, 'loan_record', id, 2, 'update');
    }
    if (fate !== 'closed') {
      out[fate]++;
      continue;
    }
    const kept = way === '借出' ? rng.range(2, 40) * DAY : rng.range(1, 4) * HOUR;
    const returnedAt = iso(
      Math.max(new Date(outAt).getTime() + HOUR, Math.min(new Date(outAt).getTime() + kept, now - HOUR)),
    );
    for (const id of recIds) {
      const solved = rng.chance(0.85);
      const back: Returned = {
        id,
        returnedAt,
        receivedBy: clerk.id,
        receivedByName: who(clerk),
        pagesChecked: rng.range(4, 80),
        intact: !rng.chance(0.02),
        solved,
        servedWhat: solved ? rng.pick(V.SERVED[purpose]) : '',
        outcomeText: solved ? '' : rng.pick(V.UNSOLVED),
        copyPages: way === '复制摘抄' || way === '出具证明' ? rng.range(1, 12) : 0,
      };
      put.returned.run(back);
      recordChange(ctx, 'loan_record', id, 3, 'update');
    }
    put.requestStatus.run({ id: row.id, status: 'closed', version: 3, at: returnedAt });
    recordChange(ctx, 'loan_request', row.id, 3, 'update');
    out.closed++;
  }
  return out;

  /** The head's signed decision, as decideLoan writes it (the content hashed from the pending request). */
  function decide(decision: 'approved' | 'rejected', q: LoanRequestRecord, recs: LoanRecordRecord[], at: number) {
    const decidedAt = iso(at);
    const comment = rng.pick(decision === 'approved' ? V.APPROVE_COMMENTS : V.REJECT_COMMENTS);
    // The request as the approver sees it (loanView of the rows just written, without reading them back).
    const before = viewOf(q, recs, null, today);
    const sig: SignatureRecord = {
      id: ctx.ids(),
      nodeId: node,
      signerId: head.id,
      signerName: who(head),
      signerRole: head.role,
      kind: decision === 'approved' ? 'loan.approve' : 'loan.reject',
      entity: 'loan_request',
      entityId: q.id,
      contentHash: contentHash(signedDecision(before, decision, comment)),
      signedAt: decidedAt,
    };
    put.signature.run(sig);
    recordChange(ctx, 'signature', sig.id, 1, 'insert');
    const decisionId = ctx.ids();
    const dec: LoanDecisionRecord = {
      id: decisionId,
      nodeId: node,
      requestId: q.id,
      approverId: head.id,
      approverName: sig.signerName,
      approverRole: head.role,
      decision,
      comment,
      signatureId: sig.id,
      decidedAt,
    };
    put.decision.run(dec);
    recordChange(ctx, 'loan_decision', decisionId, 1, 'insert');
    put.requestStatus.run({ id: q.id, status: decision, version: 2, at: decidedAt });
    recordChange(ctx, 'loan_request', q.id, 2, 'update');
  }
}
