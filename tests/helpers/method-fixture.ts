/**
 * An archive on which every contract method has something real to work on: a station and
 * a county bureau that have exchanged bundles (one conflict held at the bureau), a second
 * station not yet enrolled (`spare`) and a node not yet set up (`blank`). Records are made
 * through dispatch; helpers make fresh ones for samples that use theirs up (delete, restore…).
 * The OCR runner is stopped, so pages stay queued and nothing writes behind a test's back.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import { commitReading } from '../../electron/core/scan';
import { servicesOf } from '../../electron/core/scan/services';
import { conflictingEdit, makeNode, makeSyncNodes, noise, type SyncNodes } from './sync-nodes';
import { categoryId, makeTestCore, type TestCore } from './test-core';

export type FixtureNode = 'station' | 'bureau' | 'spare' | 'blank';

/** A valid 公民身份号码 (check digit included). */
export const ID_NUMBER = '11010519491231002X';

/** The form every form page of the fixture was read as: 准予迁入证明 → ZY·HJ·QR. */
export const FORM = BUILTIN_TEMPLATES.find((x) => x.id === 'admission-permit')!;

/** A value of the right kind for each of the form's fields, as a clerk would accept it. */
export const formValues = (): Record<string, string> =>
  Object.fromEntries(
    FORM.fields.map((f) => [
      f.key,
      f.kind === 'name'
        ? '张三'
        : f.kind === 'idNumber'
          ? ID_NUMBER
          : f.kind === 'date'
            ? '20200305'
            : f.kind === 'digits'
              ? '123'
              : f.kind === 'personList'
                ? ''
                : '北港路1号',
    ]),
  );

export interface MethodFixture {
  nodes: Record<FixtureNode, TestCore>;
  sync: SyncNodes;
  /** A folder standing in for the USB stick. */
  stick: string;
  /** 文书 (by item) and 交通事故 (by volume) categories of the station. */
  ws: string;
  jt: string;
  /** An item with two pages and a person, a volume holding an item, both at the station. */
  itemId: string;
  volumeId: string;
  personId: string;
  pageIds: string[];
  /** A tray page read as FORM, waiting for verification, and its scan batch. */
  formPageId: string;
  formBatchId: string;
  /** A conflict held at the bureau. */
  conflictId: string;
  /** A fresh name for anything that must be unique (usernames, codes, station ids). */
  unique(prefix: string): string;
  /** A small scan-like PNG (not blank), base64. */
  png(seed?: number): Promise<string>;
  newItem(title?: string): Promise<{ id: string; version: number }>;
  newVolume(): Promise<{ id: string; version: number }>;
  deletedItem(): Promise<string>;
  /** Pages imported into the intake tray (their OCR queued), with their batch. */
  trayPages(n: number): Promise<{ batchId: string; pageIds: string[] }>;
  /** A tray page read as FORM, waiting for verification. */
  formPage(): Promise<{ batchId: string; pageId: string }>;
  /** A station bundle written to the stick; its folder. */
  bundle(): Promise<string>;
  /**
   * Waits until work a call started in the background is done: a reindex and, unless
   * `scans` is false, scanner batches (a sample may start one for its call to act on).
   */
  settle(node: FixtureNode, scans?: boolean): Promise<void>;
  close(): void;
}

export async function makeMethodFixture(): Promise<MethodFixture> {
  const sync = await makeSyncNodes();
  const { station, bureau, stick } = sync;
  const spare = await makeNode('station', '南湖派出所', 'J002');
  const blank = await makeTestCore({ setup: false });
  const nodes: Record<FixtureNode, TestCore> = { station, bureau, spare, blank };
  for (const t of [station, bureau, spare]) servicesOf(t.core.ctx).runner.stop();
  const as = station.adminToken;
  let n = 0;
  const unique = (prefix: string) => `${prefix}${++n}`;
  const ws = await categoryId(station, 'WS');
  const jt = await categoryId(station, 'ZY·JT');
  const png = async (seed = 1) =>
    (
      await sharp(noise(160 * 220, seed), { raw: { width: 160, height: 220, channels: 1 } })
        .png()
        .toBuffer()
    ).toString('base64');
  const newItem = async (title = unique('测试件')) => {
    const v = await station.ok('catalogue.create', { categoryId: ws, year: 2020, title }, as);
    return { id: v.id, version: v.version };
  };
  const newVolume = async () => {
    const v = await station.ok('volumes.create', { categoryId: jt, year: 2016, title: unique('测试案卷') }, as);
    return { id: v.id, version: v.version };
  };
  const importPages = async (count: number, target: { itemId?: string }) => {
    const files = [];
    for (let i = 0; i < count; i++) files.push({ name: `${unique('scan-')}.png`, dataBase64: await png(n) });
    const r = await station.ok('intake.importFiles', { files, template: 'none', ...target }, as);
    const pages = await station.ok('pages.list', { batchId: r.batchId }, as);
    return { batchId: r.batchId, pageIds: pages.map((p) => p.id) };
  };
  const formPage = async () => {
    const { batchId, pageIds } = await importPages(1, {});
    const pageId = pageIds[0]!;
    // What the runner would write after reading the page as FORM (the runner is stopped here).
    const ctx = station.core.ctx;
    const job = ctx.sqlite.prepare("SELECT id FROM ocr_jobs WHERE page_id = ? AND status = 'queued'").get(pageId) as {
      id: string;
    };
    ctx.sqlite.prepare("UPDATE ocr_jobs SET status = 'running' WHERE id = ?").run(job.id);
    const values = formValues();
    commitReading(
      ctx,
      servicesOf(ctx).store,
      { id: job.id, pageId },
      {
        text: Object.values(values).join(' '),
        confidence: 90,
        lines: [],
        pdf: null,
        template: FORM,
        templateMiss: null,
        fields: FORM.fields.map((f) => ({
          key: f.key,
          label: f.label,
          kind: f.kind,
          raw: values[f.key]!,
          value: values[f.key]!,
          confidence: 90,
          valid: true,
          issue: null,
          corrected: false,
          required: !!f.required,
          bbox: { x: 0, y: 0, w: 10, h: 10 },
        })),
        ms: 1,
        engine: 'tesseract.js',
        fallback: null,
      },
    );
    return { batchId, pageId };
  };

  const item = await station.ok(
    'catalogue.create',
    { categoryId: ws, year: 2020, title: '北港路巡逻记录', persons: [{ name: '王芳', idNumber: ID_NUMBER }] },
    as,
  );
  const volume = await newVolume();
  await station.ok(
    'catalogue.create',
    { categoryId: jt, year: 2016, title: '卷内文件', volumeId: volume.id, extra: { accidentNo: '2016-001' } },
    as,
  );
  const { pageIds } = await importPages(2, { itemId: item.id });
  const form = await formPage();
  const personId = (await station.ok('persons.search', { q: '王芳' }, as))[0]!.id;
  // One bundle acknowledged, then a conflicting one: the bureau holds a conflict.
  const { itemId: conflicted } = await conflictingEdit(sync, '本所改动的题名');
  const conflicts = await bureau.ok('sync.conflicts.list', {}, bureau.adminToken);
  const conflictId = conflicts.find((c) => c.entityId === conflicted)!.id;

  const fx: MethodFixture = {
    nodes,
    sync,
    stick,
    ws,
    jt,
    itemId: item.id,
    volumeId: volume.id,
    personId,
    pageIds,
    formPageId: form.pageId,
    formBatchId: form.batchId,
    conflictId,
    unique,
    png,
    newItem,
    newVolume,
    deletedItem: async () => {
      const { id } = await newItem();
      await station.ok('catalogue.delete', { id, reason: '重复录入' }, as);
      return id;
    },
    trayPages: (count) => importPages(count, {}),
    formPage,
    bundle: async () => (await sync.exportBundle()).dir,
    settle: async (node, scans = true) => {
      const ctx = nodes[node].core.ctx;
      // Background jobs (a reindex) queue behind the write lock: past it, they are done.
      await ctx.lock.run(() => undefined);
      if (node === 'blank' || !scans) return;
      const running = servicesOf(ctx).scans;
      for (let i = 0; running.size && i < 3000; i++) await new Promise((r) => setTimeout(r, 10));
      if (running.size) throw new Error('a scanner batch is still running after 30 s');
    },
    close: () => {
      spare.close();
      blank.close();
      sync.close();
    },
  };
  return fx;
}

/**
 * SANE's `test` backend as the scanner, enabled without touching /etc. `slow` waits 0.2 s
 * after each buffer it hands over, so a feeder batch (10 pages) lasts a few seconds and is
 * still running when cancelled.
 * (The backend reads its whole option list: a partial test.conf is ignored.)
 */
export function saneTestConfig(root: string, speed: 'fast' | 'slow'): string {
  const dir = path.join(root, `sane-${speed}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'dll.conf'), 'test\n');
  const conf = {
    number_of_devices: '1',
    mode: 'Gray',
    depth: '8',
    'hand-scanner': 'false',
    'three-pass': 'false',
    'three-pass-order': 'RGB',
    resolution_min: '1.0',
    resolution_max: '1200.0',
    resolution_quant: '1.0',
    resolution: '50.0',
    'test-picture': '"Solid black"',
    'invert-endianess': 'false',
    'read-limit': 'false',
    'read-limit-size': '1',
    'read-delay': String(speed === 'slow'),
    'read-delay-duration': '200000',
    'read-status-code': '"Default"',
    'fuzzy-parameters': 'false',
    'ppl-loss': '0',
    'non-blocking': 'false',
    'select-fd': 'false',
    'enable-test-options': 'false',
    geometry_min: '0.0',
    geometry_max: '200.0',
    geometry_quant: '1.0',
    tl_x: '0.0',
    tl_y: '0.0',
    br_x: '80.0',
    br_y: '100.0',
  };
  const text = Object.entries(conf).map(([k, v]) => `${k} ${v}\n`);
  fs.writeFileSync(path.join(dir, 'test.conf'), text.join(''));
  return dir;
}
