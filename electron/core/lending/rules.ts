/**
 * The approval rules of lending, declared in one place (reference §9): 借出 of any record and any
 * record from 秘密 up need the station head; another unit's request too; 会计 records are not
 * lent outside the unit. A station changes them through meta 'lending_rules' (JSON, any subset of
 * the fields); what is missing or malformed falls back to these defaults.
 */
import type { BorrowerKind, LendingRules, LoanWay } from '../../contract/lending';
import { AppError, type CoreContext, getMeta } from '../kernel';

export const RULES_META_KEY = 'lending_rules';

export const DEFAULT_RULES: LendingRules = {
  headWays: ['借出'],
  headFromLevel: 2,
  headBorrowers: ['unit'],
  headRoles: ['head'],
  inHouseCategories: ['KU'],
};

export function lendingRules(ctx: CoreContext): LendingRules {
  const raw = getMeta(ctx, RULES_META_KEY);
  if (!raw) return DEFAULT_RULES;
  try {
    const v = JSON.parse(raw) as Partial<LendingRules>;
    const arr = <T>(x: unknown, d: T[]): T[] => (Array.isArray(x) ? (x as T[]) : d);
    return {
      headWays: arr(v.headWays, DEFAULT_RULES.headWays),
      headFromLevel: typeof v.headFromLevel === 'number' ? v.headFromLevel : DEFAULT_RULES.headFromLevel,
      headBorrowers: arr(v.headBorrowers, DEFAULT_RULES.headBorrowers),
      headRoles: arr(v.headRoles, DEFAULT_RULES.headRoles),
      inHouseCategories: arr(v.inHouseCategories, DEFAULT_RULES.inHouseCategories),
    };
  } catch {
    return DEFAULT_RULES;
  }
}

interface Asked {
  borrowerKind: BorrowerKind;
  way: LoanWay;
  records: { archiveCode: string; securityLevel: number; categoryCode: string }[];
}

/** Why the station head must decide this request; [] when any approver may. */
export function headReasons(rules: LendingRules, r: Asked): string[] {
  const out: string[] = [];
  if (rules.headWays.includes(r.way)) out.push(`利用方式为${r.way}`);
  const secret = r.records.filter((x) => x.securityLevel >= rules.headFromLevel);
  if (secret.length) out.push(`含涉密档案（${secret.map((x) => x.archiveCode).join('、')}）`);
  if (rules.headBorrowers.includes(r.borrowerKind)) out.push(r.borrowerKind === 'unit' ? '外单位借阅' : '公民查档');
  return out;
}

/** 会计 (and any configured class) stays in the unit: refused for another unit or a citizen. */
export function assertInHouse(rules: LendingRules, r: Asked): void {
  if (r.borrowerKind === 'officer') return;
  const held = r.records.filter((x) => rules.inHouseCategories.includes(x.categoryCode));
  if (held.length)
    throw new AppError(
      'LOAN_IN_HOUSE_ONLY',
      `${held.map((x) => x.archiveCode).join('、')} 属于不对外提供的门类（会计档案原则上不借出本单位），不能借给外单位或个人`,
      { archiveCodes: held.map((x) => x.archiveCode) },
    );
}
