/**
 * Secret records layered over the method fixture, for the role × clearance matrix: at the
 * station, for 内部 (1) and 秘密 (2) each, an item, a volume with an item inside, and an item
 * inside the fixture's 公开 volume, every text field of which carries a marker of its level
 * (`MK1-题名`…), a person found only in that
 * item (name and 公民身份号码 are markers), two pages filed into the item (their batch aims
 * at it; OCR text holding a marker, committed the way the stopped runner would), and the
 * audit entries their creation wrote. The bureau receives all of it in a bundle, and holds a
 * conflict on each secret item. A caller below a level must never see one of its markers.
 */
import { createHash } from 'node:crypto';
import { recordChange } from '../../electron/core/kernel/changelog';
import { inTransaction } from '../../electron/core/kernel/tx';
import { checkDigit } from '../../electron/core/persons/id-number';
import { commitReading } from '../../electron/core/scan';
import { servicesOf } from '../../electron/core/scan/services';
import type { MethodFixture } from './method-fixture';
import type { TestCore } from './test-core';

/** The levels above 公开 that the fixture holds a record of. */
export const SECRET_LEVELS = [1, 2] as const;
export type SecretLevel = (typeof SECRET_LEVELS)[number];

/** The years the secret records are filed under, which no method sample touches (renumber, placement…). */
export const ITEM_YEAR = 2040;
export const VOLUME_YEAR = 2041;

export interface SecretSet {
  level: SecretLevel;
  itemId: string;
  volumeId: string;
  /** The item inside the volume. */
  volumeItemId: string;
  /** An item of this level inside the fixture's 公开 volume. */
  publicVolumeItemId: string;
  personId: string;
  personName: string;
  idNumber: string;
  pageIds: string[];
  /** The scan batch that filed the pages into the item. */
  batchId: string;
  /** The bureau's conflict on the item. */
  conflictId: string;
  /** Every marker string of this level, and the ids of its records. */
  markers: string[];
}

export interface SecretArchive {
  sets: Record<SecretLevel, SecretSet>;
  /** The markers a caller at this clearance must never see. */
  above(clearance: number): string[];
  /** A hash of the secret records' rows on a node: equal hashes mean no write reached them. */
  snapshot(node: 'station' | 'bureau'): string;
}

/** A valid 公民身份号码 that only the level's person has. */
const idNumberOf = (level: number) => {
  const first17 = `11010519710101${String(level).padStart(2, '0')}7`;
  return first17 + checkDigit(first17);
};

export async function addSecretRecords(fx: MethodFixture): Promise<SecretArchive> {
  const { station, bureau } = fx.nodes;
  const as = station.adminToken;
  const jt = fx.jt;
  const sets = {} as Record<SecretLevel, SecretSet>;
  for (const level of SECRET_LEVELS) {
    const mk = (what: string) => `MK${level}-${what}`;
    const personName = mk('姓名');
    const idNumber = idNumberOf(level);
    const item = await station.ok(
      'catalogue.create',
      {
        categoryId: fx.ws,
        year: ITEM_YEAR,
        orgCode: `MK${level}ORG`,
        title: mk('题名'),
        author: mk('责任者'),
        docNumber: mk('文号'),
        remarks: mk('备注'),
        securityLevel: level,
        persons: [{ name: personName, idNumber }],
      },
      as,
    );
    const volume = await station.ok(
      'volumes.create',
      {
        categoryId: jt,
        year: VOLUME_YEAR,
        orgCode: `MK${level}VOL`,
        title: mk('卷题名'),
        remarks: mk('卷备注'),
        securityLevel: level,
      },
      as,
    );
    const inner = await station.ok(
      'catalogue.create',
      {
        categoryId: jt,
        year: VOLUME_YEAR,
        orgCode: `MK${level}VOL`,
        volumeId: volume.id,
        title: mk('卷内题名'),
        author: mk('卷内责任者'),
        securityLevel: level,
        extra: { accidentNo: mk('事故编号'), parties: mk('当事人'), place: mk('地点') },
      },
      as,
    );
    // The same level filed into the fixture's 公开 volume: a public record that holds a secret one.
    const inPublic = await station.ok(
      'catalogue.create',
      {
        categoryId: jt,
        year: 2016,
        volumeId: fx.volumeId,
        title: mk('公开卷内题名'),
        securityLevel: level,
        extra: { accidentNo: mk('公开卷内事故编号') },
      },
      as,
    );
    const files = [];
    for (let i = 0; i < 2; i++)
      files.push({ name: `secret-${level}-${i}.png`, dataBase64: await fx.png(40 + level * 2 + i) });
    const { batchId } = await station.ok('intake.importFiles', { files, itemId: item.id, template: 'none' }, as);
    const pageIds = (await station.ok('pages.list', { batchId }, as)).map((p) => p.id);
    for (const pageId of pageIds) commitText(station, pageId, `${mk('识别文字')} 北港路`);
    const personId = (await station.ok('persons.search', { q: idNumber }, as))[0]!.id;
    sets[level] = {
      level,
      itemId: item.id,
      volumeId: volume.id,
      volumeItemId: inner.id,
      publicVolumeItemId: inPublic.id,
      personId,
      personName,
      idNumber,
      pageIds,
      batchId,
      conflictId: '',
      markers: [
        ...[
          '题名',
          '责任者',
          '文号',
          '备注',
          '卷题名',
          '卷备注',
          '卷内题名',
          '卷内责任者',
          '事故编号',
          '当事人',
          '地点',
        ],
        ...['姓名', '识别文字', '冲突题名', '公开卷内题名', '公开卷内事故编号'],
      ]
        .map(mk)
        .concat([`MK${level}ORG`, `MK${level}VOL`, idNumber, item.id, volume.id, inner.id, inPublic.id])
        .concat([personId, batchId])
        .concat(pageIds),
    };
  }

  // The bureau receives them, acknowledges, then gets a changed title on the old version: a conflict each.
  const first = await fx.sync.importBundle(await fx.bundle());
  await station.ok('sync.receipt.import', { file: first.receiptFile }, as);
  const ctx = station.core.ctx;
  inTransaction(ctx, () => {
    for (const s of Object.values(sets)) {
      ctx.sqlite.prepare('UPDATE items SET title = ? WHERE id = ?').run(`MK${s.level}-冲突题名`, s.itemId);
      recordChange(ctx, 'item', s.itemId, 1, 'update');
    }
  });
  await fx.sync.importBundle(await fx.bundle());
  const conflicts = await bureau.ok('sync.conflicts.list', {}, bureau.adminToken);
  for (const s of Object.values(sets)) {
    s.conflictId = conflicts.find((c) => c.entityId === s.itemId)!.id;
    s.markers.push(s.conflictId);
  }

  const ids = (pick: (s: SecretSet) => string[]) => Object.values(sets).flatMap(pick);
  const itemIds = ids((s) => [s.itemId, s.volumeItemId, s.publicVolumeItemId]);
  const recordIds = [...itemIds, ...ids((s) => [s.volumeId, ...s.pageIds, s.personId])];
  const rows = (t: TestCore, table: string, column: string, values: string[]) =>
    t.core.ctx.sqlite
      .prepare(`SELECT * FROM ${table} WHERE ${column} IN (${values.map(() => '?').join(',')}) ORDER BY 1, 2, 3`)
      .all(...values);
  const queries: Record<'station' | 'bureau', [string, string, string[]][]> = {
    station: [
      ['items', 'id', itemIds],
      ['volumes', 'id', ids((s) => [s.volumeId])],
      ['pages', 'id', ids((s) => s.pageIds)],
      ['item_persons', 'item_id', itemIds],
      ['persons', 'id', ids((s) => [s.personId])],
      ['scan_batches', 'id', ids((s) => [s.batchId])],
    ],
    bureau: [
      ['station_items', 'id', itemIds],
      ['station_persons', 'id', ids((s) => [s.personId])],
      ['station_item_persons', 'item_id', itemIds],
      ['station_records', 'entity_id', recordIds],
      ['sync_conflicts', 'id', ids((s) => [s.conflictId])],
    ],
  };
  return {
    sets,
    above: (clearance) => SECRET_LEVELS.filter((l) => l > clearance).flatMap((l) => sets[l].markers),
    snapshot: (node) => {
      const t = fx.nodes[node];
      const hash = createHash('sha256');
      for (const [table, column, values] of queries[node]) hash.update(JSON.stringify(rows(t, table, column, values)));
      return hash.digest('hex');
    },
  };
}

/** What the OCR runner writes for a plain page it read (the runner is stopped in the fixture). */
function commitText(t: TestCore, pageId: string, text: string) {
  const ctx = t.core.ctx;
  const job = ctx.sqlite.prepare("SELECT id FROM ocr_jobs WHERE page_id = ? AND status = 'queued'").get(pageId) as {
    id: string;
  };
  ctx.sqlite.prepare("UPDATE ocr_jobs SET status = 'running' WHERE id = ?").run(job.id);
  const ok = commitReading(
    ctx,
    servicesOf(ctx).store,
    { id: job.id, pageId },
    {
      text,
      confidence: 90,
      lines: [],
      pdf: null,
      template: null,
      templateMiss: null,
      fields: [],
      ms: 1,
      engine: 'tesseract.js',
      fallback: null,
    },
  );
  if (!ok) throw new Error(`OCR text of ${pageId} not committed`);
}
