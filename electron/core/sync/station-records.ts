/**
 * Bureau: one station's mirrored records, newest first, for the stations screen. Records
 * above the caller's clearance do not exist for them, nor do the pages of such records or
 * persons named only in them (mirror-clearance.ts); the total counts what is listed. A signed
 * record (a destruction list, a sign-off, a review) comes with its mirrored signature: who
 * signed, in which capacity, when, and the content hash.
 */
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { stationFiles, stationRecords, syncConflicts, type StationMirrorRecord } from '../../../db/schema';
import type { StationRecordPage, StationRecordRow } from '../../contract/sync-conflicts';
import type { CoreContext, Session } from '../kernel';
import { qualified } from '../kernel';
import { mirrorVisible } from './mirror-clearance';
import { requireRole } from './state';
import { requireStation } from './trust';

type Row = Pick<StationMirrorRecord, 'entity' | 'entityId' | 'version' | 'deleted' | 'fields' | 'receivedAt'> & {
  hasVariant: number;
};

const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

/** A value in a mirrored record's station fields (its `fields` JSON column); names are constants of this file. */
const field = (name: 'item_id' | 'original_sha256') =>
  sql`json_extract(${stationRecords.fields}, ${sql.raw(`'$.fields.${name}'`)})`;

export function listStationRecords(
  ctx: CoreContext,
  session: Session | null,
  input: { stationId: string; entity: string; offset: number; limit: number },
): StationRecordPage {
  requireRole(ctx, 'bureau');
  requireStation(ctx, input.stationId);
  const clearance = session ? session.clearance : 99;
  const r = stationRecords;
  const where = and(eq(r.stationId, input.stationId), eq(r.entity, input.entity), mirrorVisible(clearance));
  const total = ctx.orm.select({ n: count() }).from(r).where(where).get()?.n ?? 0;
  const c = syncConflicts;
  const rows: Row[] = ctx.orm
    .select({
      entity: r.entity,
      entityId: r.entityId,
      version: r.version,
      deleted: r.deleted,
      fields: r.fields,
      receivedAt: r.receivedAt,
      hasVariant: sql<number>`EXISTS (SELECT 1 FROM ${c} WHERE ${qualified(c.stationId)} = ${qualified(r.stationId)}
        AND ${qualified(c.entity)} = ${qualified(r.entity)} AND ${qualified(c.entityId)} = ${qualified(r.entityId)}
        AND ${qualified(c.resolution)} = 'both')`,
    })
    .from(r)
    .where(where)
    .orderBy(desc(r.receivedAt), r.entityId)
    .limit(input.limit)
    .offset(input.offset)
    .all();
  const scans = input.entity === 'item' ? scansOf(ctx, input.stationId, rows) : new Map<string, ScanCount>();
  const views = rows.map(toView);
  const sigs = signaturesOf(ctx, input.stationId, views);
  return {
    rows: views.map(({ signatureId, ...v }) => ({
      ...v,
      scans: scans.get(v.entityId) ?? { pages: 0, held: 0 },
      signature: (signatureId && sigs.get(signatureId)) || null,
    })),
    total,
  };
}

type SignatureView = NonNullable<StationRecordRow['signature']>;

/** The mirrored signatures the listed records name (a list's approval, a review's, a sign-off's). */
function signaturesOf(ctx: CoreContext, stationId: string, views: { signatureId: string | null }[]) {
  const out = new Map<string, SignatureView>();
  const ids = [...new Set(views.map((v) => v.signatureId).filter((x): x is string => !!x))];
  if (ids.length === 0) return out;
  const r = stationRecords;
  const found = ctx.orm
    .select({ id: r.entityId, fields: r.fields })
    .from(r)
    .where(
      and(
        eq(r.stationId, stationId),
        eq(r.entity, 'signature'),
        sql`${r.entityId} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
      ),
    )
    .all();
  for (const g of found) {
    const f = (JSON.parse(g.fields) as { fields?: Record<string, unknown> }).fields ?? {};
    out.set(g.id, {
      signerName: str(f.signer_name) ?? '',
      signerRole: str(f.signer_role) ?? '',
      kind: str(f.kind) ?? '',
      signedAt: str(f.signed_at) ?? '',
      contentHash: str(f.content_hash) ?? '',
    });
  }
  return out;
}

type ScanCount = StationRecordRow['scans'];

/** The station's page records of the listed items, and whether the bureau holds each page's original scan. */
function scansOf(ctx: CoreContext, stationId: string, rows: Row[]): Map<string, ScanCount> {
  const out = new Map<string, ScanCount>();
  if (rows.length === 0) return out;
  const p = stationRecords;
  const f = stationFiles;
  const item = field('item_id');
  const counts = ctx.orm
    .select({
      item: sql<string>`${item}`,
      pages: count(),
      held: sql<number>`sum(EXISTS (SELECT 1 FROM ${f} WHERE ${qualified(f.stationId)} = ${qualified(p.stationId)}
        AND ${f.sha256} = ${field('original_sha256')}))`,
    })
    .from(p)
    .where(
      and(
        eq(p.stationId, stationId),
        eq(p.entity, 'page'),
        eq(p.deleted, 0),
        sql`${item} IN (SELECT value FROM json_each(${JSON.stringify(rows.map((x) => x.entityId))}))`,
      ),
    )
    .groupBy(item)
    .all();
  for (const c of counts) out.set(c.item, { pages: c.pages, held: c.held });
  return out;
}

function toView(r: Row): Omit<StationRecordRow, 'scans' | 'signature'> & { signatureId: string | null } {
  let parsed: { fields?: Record<string, unknown>; variantOf?: { entityId?: string } } = {};
  try {
    parsed = JSON.parse(r.fields) as typeof parsed;
  } catch {
    // shown without fields
  }
  const f = parsed.fields ?? {};
  const year = Number(f.year);
  return {
    entity: r.entity,
    entityId: r.entityId,
    version: r.version,
    deleted: r.deleted === 1,
    archiveCode: str(f.archive_code),
    // Loans, signatures and the working-life records have no title: the borrower, the approver,
    // the signer, the list's number, the step's label or the assigned person stands for it.
    title:
      str(f.title) ??
      str(f.name) ??
      str(f.borrower_name) ??
      str(f.approver_name) ??
      str(f.signer_name) ??
      str(f.list_no) ??
      str(f.label) ??
      str(f.user_name) ??
      str(f.placed_by_name),
    year: Number.isFinite(year) && f.year !== undefined ? year : null,
    receivedAt: r.receivedAt,
    variantOf: parsed.variantOf?.entityId ?? null,
    hasVariant: r.hasVariant === 1,
    signatureId: str(f.approval_signature_id) ?? str(f.signature_id),
  };
}
