/**
 * Loans and their signatures travel in the USB bundle (issue 19): a station files two loan
 * requests (one for a 秘密 record), its head approves both with a password signature; the bureau
 * imports the bundle and holds every loan row and the signature (signer, time, content hash) as
 * the station wrote them, read-only in its mirror, hidden from a bureau user below the loan's
 * 密级; a tampered copy of the bundle is still refused and changes nothing. One pair of cores.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyBundle, dbBytesHash, makeSyncNodes, type SyncNodes } from '../helpers/sync-nodes';
import { tempDir, USER_PASSWORD, userToken } from '../helpers/test-core';

let n: SyncNodes;
const LOAN_TABLES = {
  loan_request: 'loan_requests',
  loan_record: 'loan_records',
  loan_decision: 'loan_decisions',
  signature: 'signatures',
};

beforeAll(async () => {
  n = await makeSyncNodes();
  const s = n.station;
  const clerk = await userToken(s, 'clerk1', 'clerk', 2);
  const head = await userToken(s, 'head1', 'head', 2);
  const mk = (title: string, securityLevel: number) =>
    s.ok('catalogue.create', { categoryId: n.ws, year: 2020, title, securityLevel, persons: [] }, s.adminToken);
  for (const [rec, way] of [
    [await mk('公开卷宗', 0), '阅览'],
    [await mk('秘密卷宗', 2), '借出'],
  ] as const) {
    const loan = await s.ok(
      'lending.create',
      {
        borrowerKind: 'officer',
        borrowerName: '王警官',
        borrowerUnit: '刑侦中队',
        purpose: '工作查考',
        way,
        fromDate: '2026-01-05',
        dueDate: '2026-01-19',
        itemIds: [rec.id],
      },
      clerk,
    );
    await s.ok('lending.decide', { id: loan.id, decision: 'approved', comment: '同意', password: USER_PASSWORD }, head);
  }
}, 120_000);
afterAll(async () => n?.close());

const rowsOf = (db: SyncNodes['station']['core']['ctx']['sqlite'], sql: string, ...args: unknown[]) =>
  db.prepare(sql).all(...args) as Record<string, unknown>[];

describe('loans and signatures in the station → bureau bundle', () => {
  it('a tampered bundle is refused; the clean one brings every loan row and signature to the bureau', async () => {
    const bundle = await n.exportBundle();
    // A flipped bit in the payload: refused as before, the bureau's database untouched.
    const bad = copyBundle(bundle.dir, path.join(tempDir('dangan-tamper-'), path.basename(bundle.dir)));
    const p = path.join(bad, 'data', 'changes.ndjson.age');
    const bytes = fs.readFileSync(p);
    bytes[bytes.length >> 1]! ^= 0x01;
    fs.chmodSync(p, 0o644);
    fs.writeFileSync(p, bytes);
    const before = dbBytesHash(n.bureau);
    const refused = await n.importBundle(bad, await n.stationFingerprint());
    expect(refused.outcome).toBe('quarantined');
    expect(['BUNDLE_TAMPERED', 'BUNDLE_INCOMPLETE']).toContain(refused.code);
    expect(dbBytesHash(n.bureau)).toBe(before);

    const applied = await n.importBundle(bundle.dir, await n.stationFingerprint());
    expect(applied.outcome).toBe('applied');
    const st = n.station.core.ctx.sqlite;
    const bu = n.bureau.core.ctx.sqlite;
    for (const [entity, table] of Object.entries(LOAN_TABLES)) {
      const mine = rowsOf(st, `SELECT * FROM ${table} ORDER BY id`);
      const mirrored = rowsOf(
        bu,
        `SELECT entity_id, fields FROM station_records WHERE station_id = ? AND entity = ? ORDER BY entity_id`,
        n.stationId,
        entity,
      ).map((r) => (JSON.parse(r.fields as string) as { fields: Record<string, unknown> }).fields);
      expect(mine.length, entity).toBeGreaterThan(0);
      expect(mirrored, entity).toEqual(mine);
    }
    const sigs = rowsOf(bu, `SELECT fields FROM station_records WHERE entity = 'signature'`).map(
      (r) => (JSON.parse(r.fields as string) as { fields: Record<string, string> }).fields,
    );
    expect(sigs).toHaveLength(2);
    for (const sg of sigs) {
      expect(sg.signer_name).toBe('head1(head1)');
      expect(sg.kind).toBe('loan.approve');
      expect(sg.content_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(sg.signed_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
  });

  it('the bureau lists loans and signatures; a user below the loan’s 密级 does not see that loan', async () => {
    const b = n.bureau;
    const list = (entity: string, token: string) =>
      b.ok('sync.stations.records', { stationId: n.stationId, entity }, token);
    for (const entity of Object.keys(LOAN_TABLES)) expect((await list(entity, b.adminToken)).total, entity).toBe(2);
    const low = await userToken(b, 'bureau0', 'clerk', 0);
    for (const entity of Object.keys(LOAN_TABLES)) expect((await list(entity, low)).total, entity).toBe(1);
  });
});
