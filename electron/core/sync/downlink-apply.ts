/**
 * Station: applies a verified downlink snapshot inside the caller's transaction, through
 * the same code paths a clerk's edit takes (scheme `saveCategory`, templates
 * `writeTemplate`), so every change gets its audit entry and change-log row.
 *
 * Categories are matched by their code path (YW·HJ), not by id: every node seeded its own
 * copy of the scheme with its own ids. What the bureau sends is created or updated; a
 * station category the bureau does not list is left alone (it may hold records), and a
 * change the station cannot take (a 档号 template of a category that already holds
 * records) keeps the station's template and says so. Templates are upserted by id when
 * the bureau's version is newer; a station's own newer edit is kept.
 */
import { and, eq, sql } from 'drizzle-orm';
import { syncOutbox } from '../../../db/schema';
import type { DownlinkChange } from '../../contract/downlink';
import type { FormTemplate } from '../../contract/forms';
import { type Actor, type CoreContext, AppError, setMeta } from '../kernel';
import { writeTemplate, templatesFor } from '../forms';
import { loadScheme, saveCategory, type CategoryInput } from '../scheme';
import type { DownlinkCategory, DownlinkPayload, DownlinkResolution } from './downlink-format';
import { canonicalJson } from './entities';
import { keyRow, promoteNextSigningKey } from './keys';
import { K, setMetaInt } from './state';

const WHY = '（县局下发）';

function applyCategory(ctx: CoreContext, actor: Actor, c: DownlinkCategory): DownlinkChange {
  const fullCode = c.path.join('·');
  const base = { kind: 'category' as const, key: fullCode, name: c.name };
  const scheme = loadScheme(ctx);
  const parentCode = c.path.slice(0, -1).join('·');
  const parent = parentCode ? scheme.list.find((x) => x.fullCode === parentCode) : null;
  if (parentCode && !parent) return { ...base, outcome: 'skipped', note: `上级门类 ${parentCode} 不存在` };
  const cur = scheme.list.find((x) => x.fullCode === fullCode);
  const input: CategoryInput = {
    id: cur?.id,
    parentId: parent?.id ?? null,
    code: c.path[c.path.length - 1]!,
    name: c.name,
    defaultRetention: c.defaultRetention,
    arrangement: c.arrangement,
    codeTemplate: c.codeTemplate,
    volumeCodeTemplate: c.volumeCodeTemplate,
    fields: c.fields,
    sortOrder: c.sortOrder,
  };
  if (
    cur &&
    cur.name === c.name &&
    cur.defaultRetention === c.defaultRetention &&
    cur.arrangement === c.arrangement &&
    cur.codeTemplate === c.codeTemplate &&
    cur.volumeCodeTemplate === c.volumeCodeTemplate &&
    cur.sortOrder === c.sortOrder &&
    canonicalJson(cur.fields) === canonicalJson(c.fields)
  ) {
    return { ...base, outcome: 'unchanged', note: null };
  }
  try {
    saveCategory(ctx, actor, input, WHY);
    return { ...base, outcome: cur ? 'updated' : 'created', note: null };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    if (cur && e.code === 'CATEGORY_IN_USE') {
      // Issued 档号 never change: take everything else, keep the station's templates.
      const kept = { ...input, codeTemplate: cur.codeTemplate, volumeCodeTemplate: cur.volumeCodeTemplate };
      try {
        saveCategory(ctx, actor, kept, WHY);
        return { ...base, outcome: 'updated', note: '门类下已有档案，档号模板保持本所原样' };
      } catch (e2) {
        if (!(e2 instanceof AppError)) throw e2;
        return { ...base, outcome: 'skipped', note: e2.message };
      }
    }
    return { ...base, outcome: 'skipped', note: e.message };
  }
}

function applyTemplate(ctx: CoreContext, actor: Actor, t: FormTemplate): DownlinkChange {
  const base = { kind: 'template' as const, key: t.id, name: t.name };
  const cur = templatesFor(ctx).find((x) => x.id === t.id);
  if (cur && canonicalJson(cur) === canonicalJson(t)) return { ...base, outcome: 'unchanged', note: null };
  if (cur && cur.version >= t.version) {
    return {
      ...base,
      outcome: 'skipped',
      note: `本所的版本 ${cur.version} 不旧于县局下发的版本 ${t.version}，保留本所的模板`,
    };
  }
  writeTemplate(ctx, actor, t, 'import');
  return { ...base, outcome: cur ? 'updated' : 'created', note: null };
}

/** The trust list's entries for this station: kept for the status page; a rotated-in key the bureau trusts becomes active. */
function applyTrust(ctx: CoreContext, p: DownlinkPayload): boolean {
  setMeta(ctx, 'sync.downlink_trust', JSON.stringify(p.trust));
  setMetaInt(ctx, K.trustVersion, p.trust.version);
  const next = keyRow(ctx, 'sign', 'next');
  const trusted = p.trust.keys.find((k) => k.fingerprint === next?.fingerprint && k.status === 'active');
  return trusted ? promoteNextSigningKey(ctx, trusted.fingerprint) : false;
}

const RESOLVED: Record<DownlinkResolution['action'], { status: 'reported' | 'conflict'; reason: string }> = {
  theirs: { status: 'reported', reason: '县局已处理冲突：采用本所的这一版' },
  both: { status: 'reported', reason: '县局已处理冲突：本所的这一版与县局副本并存' },
  ours: {
    status: 'conflict',
    reason: '县局已处理冲突：保留县局副本，本所的这一版未被采用（再次修改后作为新版本上报）',
  },
};

/** Conflicts the bureau resolved: the station's outbox shows the outcome instead of an open 冲突. */
function applyResolutions(ctx: CoreContext, list: DownlinkResolution[], bundleId: string): number {
  // Prepared once: a downlink may carry many resolutions.
  const reason = sql.placeholder('reason');
  const upd = ctx.orm
    .update(syncOutbox)
    .set({ status: sql`${sql.placeholder('status')}`, reason: sql`${reason}`, bundleId, updatedAt: ctx.nowIso() })
    .where(
      and(
        eq(syncOutbox.entity, sql.placeholder('entity')),
        eq(syncOutbox.entityId, sql.placeholder('id')),
        eq(syncOutbox.ackedVersion, sql.placeholder('version')),
        eq(syncOutbox.status, 'conflict'),
        sql`coalesce(${syncOutbox.reason}, '') != ${reason}`,
      ),
    )
    .prepare();
  let n = 0;
  for (const r of list) {
    const to = RESOLVED[r.action];
    n += upd.run({ status: to.status, reason: to.reason, entity: r.entity, id: r.id, version: r.version }).changes;
  }
  return n;
}

export function applyDownlink(
  ctx: CoreContext,
  actor: Actor,
  p: DownlinkPayload,
  bundleId: string,
): { changes: DownlinkChange[]; rotated: boolean; resolutions: number } {
  const changes: DownlinkChange[] = [];
  for (const c of p.scheme) changes.push(applyCategory(ctx, actor, c));
  for (const t of p.formTemplates) changes.push(applyTemplate(ctx, actor, t));
  return { changes, rotated: applyTrust(ctx, p), resolutions: applyResolutions(ctx, p.resolutions, bundleId) };
}
