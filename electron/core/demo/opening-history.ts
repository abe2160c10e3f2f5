/**
 * The demo's opening reviews and 密级 changes (issue 19; reference §9): records past the opening
 * age (25 years) reviewed 开放 or 控制 with reasons by the station head, and a few 密级 lowered —
 * 解密 of 秘密 records, 内部 opened to 公开 — each signed over the content the appraisal domain's
 * openingDecide / changeSecurity hash. A change writes the item's security_level (access_level
 * follows through the triggers of migration 0009) with a new version and its change-log row,
 * as security.change does. Only lowering, so no loan of the lending history ends above its
 * borrower's clearance.
 */
import { eq } from 'drizzle-orm';
import { items, openingReviews, securityChanges, type ItemRecord, type OpeningReviewRecord } from '../../../db/schema';
import { openingContent, securityContent } from '../appraisal';
import { type CoreContext, nodeIdOf, recordChange } from '../kernel';
import { localDay } from '../lending';
import { demoAccount } from './lending-history';
import { Rng } from './rng';
import { DAY, isoBefore, putSignature } from './signed-rows';

export interface OpeningHistoryResult {
  reviews: number;
  opened: number;
  controlled: number;
  securityChanges: number;
  declassified: number;
}

export const noOpeningHistory = (): OpeningHistoryResult => ({
  reviews: 0,
  opened: 0,
  controlled: 0,
  securityChanges: 0,
  declassified: 0,
});

/** Reviews for a demo of `items` items: one per ~1,000, at least 8 once there are 50 items, at most 200. */
export const reviewsFor = (items: number): number =>
  items < 50 ? 0 : Math.min(200, Math.max(8, Math.round(items / 1000)));
/** 密级 changes: one per ~10,000, at least 3, at most 30. */
export const securityChangesFor = (items: number): number =>
  items < 50 ? 0 : Math.min(30, Math.max(3, Math.round(items / 10_000)));

const OPEN_REASONS = ['已满二十五年，内容不涉及国家秘密和个人隐私', '一般性户籍业务材料，可向社会开放'];
const CONTROL_REASONS = ['涉及公民个人隐私，暂不开放', '涉及未结案件当事人信息，控制使用', '含他人身份信息，控制利用'];
const SECURITY_REASONS = ['保密期限已满，经审核解除密级', '所涉事项已公开，降低密级', '经定密责任人审核，调整密级'];

type Row = Pick<ItemRecord, 'id' | 'archiveCode' | 'title' | 'year' | 'securityLevel' | 'version'>;

export function openingHistoryDemo(ctx: CoreContext, seed: string, demoItems: number): OpeningHistoryResult {
  const out = noOpeningHistory();
  const n = reviewsFor(demoItems);
  if (n === 0) return out;
  const rng = new Rng(`${seed}:opening`);
  const node = nodeIdOf(ctx);
  const iso = isoBefore(ctx);
  const now = ctx.clock.now().getTime();
  const year = new Date(ctx.nowIso()).getFullYear();
  const head = demoAccount(ctx, 'demo_head', '周所长', 'head');
  const rows = (sql: string, ...args: unknown[]) => ctx.sqlite.prepare(sql).all(...args) as Row[];
  const cols = `id, archive_code AS archiveCode, title, year, security_level AS securityLevel, version`;

  // 25 years is the default opening age (meta 'opening_years' is not set on a demo archive).
  const due = rows(
    `SELECT ${cols} FROM items WHERE deleted_at IS NULL AND access_level <= 2 AND year + 25 <= ?
      ORDER BY year, archive_code LIMIT ?`,
    year,
    n * 3,
  );
  const reviewed = due.filter(() => rng.chance(0.5)).slice(0, n);
  reviewed.forEach((it, i) => {
    const result = i % 10 < 7 ? ('open' as const) : ('control' as const);
    const reason = rng.pick(result === 'open' ? OPEN_REASONS : CONTROL_REASONS);
    const at = iso(now - (200 - Math.floor((i * 190) / reviewed.length)) * DAY + rng.int(8) * 3_600_000);
    const sig = putSignature(
      ctx,
      head,
      { kind: 'opening.review', entity: 'item', entityId: it.id, content: openingContent(it, { result, reason }) },
      at,
    );
    const row: OpeningReviewRecord = {
      id: ctx.ids(),
      nodeId: node,
      entity: 'item',
      entityId: it.id,
      archiveCode: it.archiveCode,
      title: it.title,
      result,
      reason,
      disclosure: '',
      reviewerId: head.id,
      reviewerName: sig.signerName,
      signatureId: sig.id,
      reviewedAt: at,
    };
    ctx.orm.insert(openingReviews).values(row).run();
    recordChange(ctx, 'opening_review', row.id, 1, 'insert');
    out.reviews++;
    out[result === 'open' ? 'opened' : 'controlled']++;
  });

  // 密级 lowered: 秘密 → 内部 or 公开 (解密), 内部 → 公开 (change).
  const m = securityChangesFor(demoItems);
  // Records of the lending history are left as they were lent.
  const atLevel = (level: number) =>
    rows(
      `SELECT ${cols} FROM items i WHERE deleted_at IS NULL AND security_level = ?
          AND i.id NOT IN (SELECT entity_id FROM loan_records)
        ORDER BY archive_code LIMIT ?`,
      level,
      m,
    );
  const secret = atLevel(2);
  const internal = atLevel(1);
  const changed = [...secret.slice(0, Math.ceil(m / 2)), ...internal].slice(0, m);
  changed.forEach((it, i) => {
    const newLevel = it.securityLevel === 2 ? (i % 2 === 0 ? 0 : 1) : 0;
    const kind = it.securityLevel >= 2 && newLevel < 2 ? ('declassify' as const) : ('change' as const);
    const at = iso(now - (90 - i * 2) * DAY);
    const c = { newLevel, effectiveDate: localDay(at), reason: rng.pick(SECURITY_REASONS) };
    const sig = putSignature(
      ctx,
      head,
      {
        kind: kind === 'declassify' ? 'security.declassify' : 'security.change',
        entity: 'item',
        entityId: it.id,
        content: securityContent(it, c),
      },
      at,
    );
    ctx.orm
      .update(items)
      .set({ securityLevel: newLevel, version: it.version + 1, updatedAt: at })
      .where(eq(items.id, it.id))
      .run();
    recordChange(ctx, 'item', it.id, it.version + 1, 'update');
    const row = {
      id: ctx.ids(),
      nodeId: node,
      entity: 'item' as const,
      entityId: it.id,
      archiveCode: it.archiveCode,
      oldLevel: it.securityLevel,
      kind,
      ...c,
      approverId: head.id,
      approverName: sig.signerName,
      signatureId: sig.id,
      changedAt: at,
    };
    ctx.orm.insert(securityChanges).values(row).run();
    recordChange(ctx, 'security_change', row.id, 1, 'insert');
    out.securityChanges++;
    if (kind === 'declassify') out.declassified++;
  });
  return out;
}
