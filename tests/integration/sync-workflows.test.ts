/**
 * The working-life records travel in the USB bundle (issue 19): a station appraises, lists,
 * approves and executes a destruction (with a legal hold placed and released), reviews a record
 * for opening, declassifies another, and takes an arrangement batch to signed acceptance across
 * two bundles (its steps close after the first one left). The bureau holds every row as the
 * station wrote it, read-only in its mirror; its station-records list shows each signed record
 * with its signature (signer, time, content hash); a re-import changes nothing; a tampered copy
 * is refused; a bureau user below a record's 密级 does not see what names it. One pair of cores.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleExportResult } from '../../electron/contract/sync';
import { copyBundle, dbBytesHash, makeSyncNodes, type SyncNodes } from '../helpers/sync-nodes';
import { tempDir, USER_PASSWORD, userToken } from '../helpers/test-core';

let n: SyncNodes;
let first: BundleExportResult;
let second: BundleExportResult;
const ids: Record<string, string> = {};
const TABLES = {
  appraisal_decision: 'appraisal_decisions',
  destruction_list: 'destruction_lists',
  legal_hold: 'legal_holds',
  destruction_tombstone: 'destruction_tombstones',
  opening_review: 'opening_reviews',
  security_change: 'security_changes',
  arrangement_batch: 'arrangement_batches',
  arrangement_step: 'arrangement_steps',
  arrangement_assignment: 'arrangement_assignments',
  arrangement_signoff: 'arrangement_signoffs',
  signature: 'signatures',
};
const pw = USER_PASSWORD;

beforeAll(async () => {
  n = await makeSyncNodes();
  const s = n.station;
  const clerk = await userToken(s, 'clerk1', 'clerk', 1);
  const clerk2 = await userToken(s, 'clerk2', 'clerk', 1);
  const head = await userToken(s, 'head1', 'head', 2);
  const mk = async (title: string, year: number, retention: 'Y' | 'D10', securityLevel: number, persons: string[]) =>
    (
      await s.ok(
        'catalogue.create',
        { categoryId: n.ws, year, retention, title, securityLevel, persons: persons.map((name) => ({ name })) },
        s.adminToken,
      )
    ).id;

  // Bundle 1: a batch opened, a person assigned, its first step signed.
  const batch = await s.ok(
    'arrangement.create',
    {
      name: '2020年文书整理',
      year: 2020,
      steps: [
        { key: 'arrange', label: '整理', roles: ['compiler'] },
        { key: 'accept', label: '验收', roles: ['acceptor', 'head'] },
      ],
    },
    clerk,
  );
  ids.batch = batch.id;
  const [arrange, accept] = batch.steps.map((x) => x.id) as [string, string];
  await s.ok('arrangement.assign', { batchId: batch.id, username: 'clerk1', task: '整理装盒', target: 5 }, clerk);
  await s.ok('arrangement.sign', { batchId: batch.id, stepId: arrange, signRole: 'compiler', password: pw }, clerk);
  first = await n.exportBundle();

  // Bundle 2: the acceptance, a destruction from appraisal to execution, an opening review, a 解密.
  await s.ok('arrangement.sign', { batchId: batch.id, stepId: accept, signRole: 'acceptor', password: pw }, clerk2);
  await s.ok('arrangement.sign', { batchId: batch.id, stepId: accept, signRole: 'head', password: pw }, head);
  ids.doomed = await mk('暂住登记表', 2000, 'D10', 0, ['张三丰']);
  await s.ok('appraisal.hold', { itemId: ids.doomed, hold: true, reason: '诉讼保全' }, clerk);
  await s.ok('appraisal.hold', { itemId: ids.doomed, hold: false, reason: '诉讼结束' }, clerk);
  await s.ok(
    'appraisal.decide',
    { itemId: ids.doomed, decision: 'destroy', round: 'R1', reason: '已无保存价值' },
    clerk,
  );
  const list = await s.ok('destruction.create', { round: 'R1', listNo: 'XH-2026-01' }, clerk);
  ids.list = list.id;
  await s.ok('destruction.approve', { id: list.id, password: pw }, head);
  await s.ok('destruction.execute', { id: list.id }, clerk);
  ids.controlled = await mk('1995年治安秘密档案', 1995, 'Y', 2, []);
  await s.ok(
    'opening.decide',
    { itemId: ids.controlled, result: 'control', reason: '涉及个人隐私', password: pw },
    head,
  );
  ids.declassified = await mk('1995年治安档案', 1995, 'Y', 2, []);
  await s.ok(
    'security.change',
    { itemId: ids.declassified, newLevel: 0, effectiveDate: '2026-01-05', reason: '保密期限已满', password: pw },
    head,
  );
  second = await n.exportBundle();
}, 120_000);
afterAll(async () => n?.close());

const rowsOf = (db: SyncNodes['station']['core']['ctx']['sqlite'], sql: string, ...args: unknown[]) =>
  db.prepare(sql).all(...args) as Record<string, unknown>[];
const mirrored = (entity: string) =>
  rowsOf(
    n.bureau.core.ctx.sqlite,
    `SELECT entity_id, version, fields FROM station_records WHERE station_id = ? AND entity = ? ORDER BY entity_id`,
    n.stationId,
    entity,
  ).map((r) => ({ version: r.version, ...(JSON.parse(r.fields as string) as { fields: Record<string, unknown> }) }));

describe('appraisal, destruction, opening and arrangement records in the station → bureau bundle', () => {
  it('applies both bundles (the steps closed later arrive as newer versions), refusing a tampered copy', async () => {
    const fp = await n.stationFingerprint();
    expect((await n.importBundle(first.dir, fp)).outcome).toBe('applied');
    // 整理 was closed before the first bundle left, 验收 was still open.
    const steps = () => mirrored('arrangement_step').map((r) => [r.fields.label, r.version]);
    expect(steps().sort()).toEqual([
      ['整理', 2],
      ['验收', 1],
    ]);

    const bad = copyBundle(second.dir, path.join(tempDir('dangan-tamper-'), path.basename(second.dir)));
    const p = path.join(bad, 'data', 'changes.ndjson.age');
    const bytes = fs.readFileSync(p);
    bytes[bytes.length >> 1]! ^= 0x01;
    fs.chmodSync(p, 0o644);
    fs.writeFileSync(p, bytes);
    const before = dbBytesHash(n.bureau);
    const refused = await n.importBundle(bad);
    expect(refused.outcome).toBe('quarantined');
    expect(['BUNDLE_TAMPERED', 'BUNDLE_INCOMPLETE']).toContain(refused.code);
    expect(dbBytesHash(n.bureau)).toBe(before);

    expect((await n.importBundle(second.dir)).outcome).toBe('applied');
    const st = n.station.core.ctx.sqlite;
    for (const [entity, table] of Object.entries(TABLES)) {
      const mine = rowsOf(st, `SELECT * FROM ${table} ORDER BY id`);
      expect(mine.length, entity).toBeGreaterThan(0);
      expect(
        mirrored(entity).map((r) => r.fields),
        entity,
      ).toEqual(mine);
    }
    expect(steps().sort()).toEqual([
      ['整理', 2],
      ['验收', 2],
    ]);
    expect(mirrored('destruction_list')[0]).toMatchObject({ version: 3, fields: { status: 'executed' } });
    expect(n.bureau.count('sync_conflicts')).toBe(0);
    // The tombstone is the catalogue entry: the destroyed record's person is not in it.
    const [tomb] = mirrored('destruction_tombstone');
    expect(tomb!.fields).toMatchObject({
      entity_id: ids.doomed,
      title: '暂住登记表',
      approved_by_name: 'head1(head1)',
    });
    expect(JSON.stringify(tomb)).not.toContain('张三丰');
  });

  it('a re-import of the same bundle changes nothing', async () => {
    const before = dbBytesHash(n.bureau);
    expect((await n.importBundle(second.dir)).outcome).toBe('duplicate');
    expect(dbBytesHash(n.bureau)).toBe(before);
  });

  it('the bureau lists the destruction list, the reviews and the acceptance, each with its signature', async () => {
    const b = n.bureau;
    const list = async (entity: string, token = b.adminToken) =>
      (await b.ok('sync.stations.records', { stationId: n.stationId, entity }, token)).rows;
    const st = n.station.core.ctx.sqlite;
    const signed = (kind: string, entityId: string) =>
      rowsOf(st, `SELECT * FROM signatures WHERE kind = ? AND entity_id = ? ORDER BY signed_at, id`, kind, entityId);
    const view = (g: Record<string, unknown>) => ({
      signerName: g.signer_name,
      signerRole: g.signer_role,
      kind: g.kind,
      signedAt: g.signed_at,
      contentHash: g.content_hash,
    });

    const [dl] = await list('destruction_list');
    expect(dl).toMatchObject({ entityId: ids.list, title: 'XH-2026-01' });
    expect(dl!.signature).toEqual(view(signed('destruction.approve', ids.list!)[0]!));
    expect(dl!.signature!.signerName).toBe('head1(head1)');

    const offs = await list('arrangement_signoff');
    expect(offs.map((o) => o.signature!.signerName).sort()).toEqual([
      'clerk1(clerk1)',
      'clerk2(clerk2)',
      'head1(head1)',
    ]);
    const acceptance = signed('arrangement.accept', ids.batch!).map(view);
    expect(offs.map((o) => o.signature).filter((g) => g!.kind === 'arrangement.accept')).toEqual(
      expect.arrayContaining(acceptance),
    );
    expect((await list('arrangement_batch'))[0]).toMatchObject({ title: '2020年文书整理', signature: null });

    const [review] = await list('opening_review');
    expect(review!.signature).toEqual(view(signed('opening.review', ids.controlled!)[0]!));
    const [change] = await list('security_change');
    expect(change!.signature).toMatchObject({ kind: 'security.declassify', signerName: 'head1(head1)' });

    // A bureau user of clearance 公开 sees the 解密 record's change, not the still-secret one's review.
    const low = await userToken(b, 'bureau0', 'clerk', 0);
    expect(await list('security_change', low)).toHaveLength(1);
    expect(await list('opening_review', low)).toHaveLength(0);
    const lowSigs = (await list('signature', low)).map((g) => g.entityId);
    expect(lowSigs).not.toContain(signedId(review!.entityId));
    expect(lowSigs).toContain(signed('security.declassify', ids.declassified!)[0]!.id);
    expect((await list('destruction_list', low)).map((x) => x.entityId)).toEqual([ids.list]);
  });
});

/** The id of the signature an opening review names (for the hidden-signature check). */
function signedId(reviewId: string): string {
  return n.station.core.ctx.sqlite
    .prepare('SELECT signature_id FROM opening_reviews WHERE id = ?')
    .pluck()
    .get(reviewId) as string;
}
