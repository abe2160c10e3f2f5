/**
 * The year's utilisation counts with the counting rules of reference §11: one person on one day
 * is 1 人次 (several days on site, one per day; one loan kept many days, 1); every volume or item
 * handed out is one 卷次 or 件次; copies count original pages; a returned record whose outcome says
 * solved is one 解决问题. A loan belongs to the year of its hand-out day.
 */
import { isNotNull } from 'drizzle-orm';
import { eq } from 'drizzle-orm';
import { loanRecords, loanRequests } from '../../../db/schema';
import { LOAN_PURPOSES, LOAN_WAYS, type UtilisationCounts } from '../../contract/lending';
import type { CoreContext } from '../kernel';
import { localDay } from './rows';

/** One person: by ID document when given, else by kind, unit and name. */
const personKey = (q: { borrowerKind: string; borrowerIdNo: string; borrowerUnit: string; borrowerName: string }) =>
  q.borrowerIdNo ? `id:${q.borrowerIdNo}` : `${q.borrowerKind}:${q.borrowerUnit}:${q.borrowerName}`;

export function utilisationCounts(ctx: CoreContext, year: number): UtilisationCounts {
  const rows = ctx.orm
    .select({ rec: loanRecords, req: loanRequests })
    .from(loanRecords)
    .innerJoin(loanRequests, eq(loanRequests.id, loanRecords.requestId))
    .where(isNotNull(loanRecords.outAt))
    .all()
    .filter((x) => localDay(x.rec.outAt!).startsWith(`${year}-`));
  const purposes = new Map(
    LOAN_PURPOSES.map((p) => [p, { purpose: p, visits: new Set<string>(), volumeTimes: 0, itemTimes: 0, solved: 0 }]),
  );
  const ways = new Map(
    LOAN_WAYS.map((w) => [w, { way: w, visits: new Set<string>(), volumeTimes: 0, itemTimes: 0, solved: 0 }]),
  );
  const visits = new Set<string>();
  const out: UtilisationCounts = {
    year,
    visits: 0,
    volumeTimes: 0,
    itemTimes: 0,
    copyPages: 0,
    solved: 0,
    byPurpose: [],
    byWay: [],
  };
  for (const { rec, req } of rows) {
    const visit = `${personKey(req)}@${localDay(rec.outAt!)}`;
    const p = purposes.get(req.purpose)!;
    const w = ways.get(req.way)!;
    visits.add(visit);
    p.visits.add(visit);
    w.visits.add(visit);
    if (rec.entity === 'volume') {
      out.volumeTimes++;
      p.volumeTimes++;
      w.volumeTimes++;
    } else {
      out.itemTimes++;
      p.itemTimes++;
      w.itemTimes++;
    }
    out.copyPages += rec.copyPages;
    if (rec.status === 'returned' && rec.solved) {
      out.solved++;
      p.solved++;
      w.solved++;
    }
  }
  out.visits = visits.size;
  out.byPurpose = [...purposes.values()].map((p) => ({ ...p, visits: p.visits.size }));
  out.byWay = [...ways.values()].map((w) => ({ ...w, visits: w.visits.size }));
  return out;
}
