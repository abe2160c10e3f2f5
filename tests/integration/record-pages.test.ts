/**
 * Scans belong to their records: an item's pages, a volume's pages in reading order,
 * attaching several 待挂接 pages at once (one transaction, audited, refusing what does
 * not exist or is above the caller's clearance), a page's OCR text and the record's
 * searchable PDF. Real SQLite, real page files through intake, real tesseract.js.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfjs } from '../../electron/core/imaging/pdfjs-load';
import { servicesOf } from '../../electron/core/scan/services';
import type { OcrPage } from '../../scripts/fixtures/ocr/generate';
import { ocrSet } from '../helpers/ocr-set';
import { categoryId, makeTestCore, tempDir, userToken, type TestCore } from '../helpers/test-core';

let t: TestCore;
let fixtures: string;
let prose: OcrPage;
let qr: string;
let jt: string;
/** A clerk who may see 公开 (0) only. */
let low: string;

beforeAll(async () => {
  fixtures = tempDir('dangan-record-pages-');
  const set = await ocrSet(fixtures, { seed: 5, count: 2 });
  prose = set.pages.find((p) => p.kind === 'text')!;
  t = await makeTestCore();
  qr = await categoryId(t, 'ZY·HJ·QR');
  jt = await categoryId(t, 'ZY·JT');
  low = await userToken(t, 'clerk0', 'clerk', 0);
}, 120_000);

afterAll(async () => {
  await t?.close();
  fs.rmSync(fixtures, { recursive: true, force: true });
});

/** A page with ink on it (so it is not taken for a blank back side), labelled by `n`. */
const inked = (n: number) =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="620" height="877"><rect width="100%" height="100%" fill="#fff"/>` +
        `<rect x="60" y="60" width="${200 + 20 * n}" height="40" fill="#000"/><rect x="60" y="140" width="480" height="6" fill="#000"/></svg>`,
    ),
  )
    .png()
    .toBuffer();

/** Files into the tray (unread: 'skip'), returning the new pages' ids in file order. */
async function trayPages(count: number, token = t.adminToken): Promise<string[]> {
  const files = await Promise.all(
    Array.from({ length: count }, async (_, i) => ({
      name: `scan-${i + 1}.png`,
      dataBase64: (await inked(i)).toString('base64'),
    })),
  );
  const { batchId } = await t.ok('intake.importFiles', { files, template: 'skip' }, token);
  return (await t.ok('pages.list', { batchId }, token)).map((p) => p.id);
}

const item = async (title: string, more: Record<string, unknown> = {}) =>
  (await t.ok('catalogue.create', { categoryId: qr, year: 2024, orgCode: '', title, ...more }, t.adminToken)).id;

const auditRows = (action: string) =>
  t.core.ctx.sqlite.prepare('SELECT count(*) FROM audit_log WHERE action = ?').pluck().get(action) as number;

describe("a record's pages", () => {
  it("lists an item's pages by their order, named by its 档号", async () => {
    const id = await item('户口迁入材料');
    const ids = await trayPages(3);
    // Attached in a chosen order: that is the reading order.
    await t.ok('pages.attach', { ids: [ids[2], ids[0], ids[1]], itemId: id }, t.adminToken);
    const view = await t.ok('pages.ofRecord', { itemId: id }, t.adminToken);
    expect(view.owner).toMatchObject({ kind: 'item', id, title: '户口迁入材料' });
    expect(view.pages.map((p) => p.id)).toEqual([ids[2], ids[0], ids[1]]);
    expect(view.pages.map((p) => p.seq)).toEqual([1, 2, 3]);
    expect(view.pages[0]!.exportName).toBe(`${view.owner.archiveCode}-0001.png`);
    expect(view.pages[0]!.item).toMatchObject({ id, title: '户口迁入材料' });
  });

  it("shows a volume's own pages, then its items' pages by 件号, each by page order", async () => {
    const v = await t.ok('volumes.create', { categoryId: jt, year: 2020, title: '北港路事故' }, t.adminToken);
    const mk = (title: string, securityLevel = 0) =>
      t.ok(
        'catalogue.create',
        { categoryId: jt, year: 2020, volumeId: v.id, title, securityLevel, extra: { accidentNo: 'SG1' } },
        t.adminToken,
      );
    const first = await mk('现场勘查笔录');
    const second = await mk('责任认定书');
    const secret = await mk('秘密材料', 2);
    expect([first.itemNo, second.itemNo, secret.itemNo]).toEqual([1, 2, 3]);
    const ids = await trayPages(6);
    // Attached out of order on purpose: the second item's pages before the first's.
    await t.ok('pages.attach', { ids: [ids[0], ids[1]], itemId: second.id }, t.adminToken);
    await t.ok('pages.attach', { ids: [ids[2]], itemId: secret.id }, t.adminToken);
    await t.ok('pages.attach', { ids: [ids[3], ids[4]], itemId: first.id }, t.adminToken);
    await t.ok('pages.attach', { ids: [ids[5]], volumeId: v.id }, t.adminToken);

    const all = await t.ok('pages.ofRecord', { volumeId: v.id }, t.adminToken);
    expect(all.owner).toMatchObject({ kind: 'volume', archiveCode: v.archiveCode });
    expect(all.pages.map((p) => p.id)).toEqual([ids[5], ids[3], ids[4], ids[0], ids[1], ids[2]]);
    expect(all.pages.map((p) => p.item?.itemNo ?? null)).toEqual([null, 1, 1, 2, 2, 3]);

    // The 秘密 item's page does not exist for a clerk cleared for 公开 only.
    const seen = await t.ok('pages.ofRecord', { volumeId: v.id }, low);
    expect(seen.pages.map((p) => p.id)).toEqual([ids[5], ids[3], ids[4], ids[0], ids[1]]);
  });

  it('refuses an unknown or forbidden record with the same answer, and a call naming no record', async () => {
    const secret = await item('秘密件', { securityLevel: 2 });
    const unknown = await t.call('pages.ofRecord', { itemId: '0190aaaa-0000-7000-8000-000000000000' }, low);
    const forbidden = await t.call('pages.ofRecord', { itemId: secret }, low);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(forbidden).toEqual(unknown);
    expect(await t.call('pages.pdf', { itemId: secret }, low)).toEqual(unknown);
    const neither = await t.call('pages.ofRecord', {}, t.adminToken);
    expect(neither).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('attaching 待挂接 pages', () => {
  it('attaches several tray pages in one transaction, with one audit entry and a change-log row per page', async () => {
    const id = await item('户籍证明');
    const ids = await trayPages(3);
    const tray = await t.ok('pages.list', { tray: true }, t.adminToken);
    expect(ids.every((p) => tray.some((x) => x.id === p))).toBe(true);
    const audits = auditRows('page.attach');
    const changeRows = t.count('change_log');

    const attached = await t.ok('pages.attach', { ids, itemId: id }, t.adminToken);
    expect(attached.map((p) => [p.itemId, p.seq])).toEqual([
      [id, 1],
      [id, 2],
      [id, 3],
    ]);
    expect(auditRows('page.attach')).toBe(audits + 1);
    const entry = t.core.ctx.sqlite
      .prepare(
        "SELECT entity, entity_id, summary, details FROM audit_log WHERE action = 'page.attach' ORDER BY rowid DESC",
      )
      .get() as { entity: string; entity_id: string; summary: string; details: string };
    expect(entry).toMatchObject({ entity: 'item', entity_id: id });
    expect(entry.summary).toContain('3 页');
    expect(JSON.parse(entry.details).pages).toEqual(ids);
    const logged = t.core.ctx.sqlite
      .prepare("SELECT entity_id FROM change_log WHERE entity = 'page' AND rowid > ? ORDER BY rowid")
      .pluck()
      .all(changeRows) as string[];
    expect(new Set(logged)).toEqual(new Set(ids));
    const trayAfter = await t.ok('pages.list', { tray: true }, t.adminToken);
    expect(trayAfter.some((p) => ids.includes(p.id))).toBe(false);
  });

  it('refuses a page id that does not exist and changes nothing', async () => {
    const id = await item('暂住登记');
    const [real] = await trayPages(1);
    const audits = auditRows('page.attach');
    const changeRows = t.count('change_log');
    const r = await t.call(
      'pages.attach',
      { ids: [real, '0190bbbb-0000-7000-8000-000000000000'], itemId: id },
      t.adminToken,
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(t.core.ctx.sqlite.prepare('SELECT item_id FROM pages WHERE id = ?').pluck().get(real)).toBeNull();
    expect(auditRows('page.attach')).toBe(audits);
    expect(t.count('change_log')).toBe(changeRows);
  });

  it('refuses a record that does not exist or is above the caller’s clearance, with the same answer', async () => {
    const secret = await item('秘密件二', { securityLevel: 2 });
    const ids = await trayPages(2, low);
    const audits = auditRows('page.attach');
    const unknown = await t.call('pages.attach', { ids, itemId: '0190cccc-0000-7000-8000-000000000000' }, low);
    const forbidden = await t.call('pages.attach', { ids, itemId: secret }, low);
    const unknownVolume = await t.call('pages.attach', { ids, volumeId: '0190dddd-0000-7000-8000-000000000000' }, low);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(forbidden).toEqual(unknown);
    expect(unknownVolume).toEqual(unknown);
    // A deleted record takes no pages either.
    const gone = await item('已删除件');
    await t.ok('catalogue.delete', { id: gone, reason: '重复登记' }, t.adminToken);
    expect(await t.call('pages.attach', { ids, itemId: gone }, t.adminToken)).toEqual(unknown);
    const rows = t.core.ctx.sqlite
      .prepare(`SELECT item_id, volume_id FROM pages WHERE id IN (${ids.map(() => '?').join(',')})`)
      .all(...ids);
    expect(rows).toEqual(ids.map(() => ({ item_id: null, volume_id: null })));
    expect(auditRows('page.attach')).toBe(audits);
    // Both an item and a volume at once is a mistake, said in Chinese.
    const both = await t.call('pages.attach', { ids, itemId: secret, volumeId: secret }, t.adminToken);
    expect(both).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    if (!both.ok) expect(both.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("a page's text and the record's searchable PDF", () => {
  let itemId: string;
  let readId: string;
  let unreadId: string;

  beforeAll(async () => {
    itemId = await item('情况说明');
    const bytes = fs.readFileSync(path.join(fixtures, prose.file));
    await t.ok(
      'intake.importFiles',
      { files: [{ name: 'prose.png', dataBase64: bytes.toString('base64') }], itemId, template: 'none' },
      t.adminToken,
    );
    await servicesOf(t.core.ctx).runner.idle();
    unreadId = (await trayPages(1))[0]!;
    await t.ok('pages.attach', { ids: [unreadId], itemId }, t.adminToken);
    readId = (await t.ok('pages.ofRecord', { itemId }, t.adminToken)).pages[0]!.id;
  }, 180_000);

  it("gives the page's OCR text to whoever may see the record", async () => {
    const text = await t.ok('pages.text', { id: readId }, t.adminToken);
    expect(text.status).toBe('done');
    expect(text.text!.replace(/\s+/g, '').length).toBeGreaterThan(20);
    const unread = await t.ok('pages.text', { id: unreadId }, t.adminToken);
    expect(unread.text).toBeNull();
  });

  it('makes one PDF of every page, the read ones with their text layer', async () => {
    const pdf = await t.ok('pages.pdf', { itemId }, t.adminToken);
    expect(pdf.mime).toBe('application/pdf');
    expect(pdf.pages).toBe(2);
    const view = await t.ok('pages.ofRecord', { itemId }, t.adminToken);
    expect(pdf.fileName).toBe(`${view.owner.archiveCode}.pdf`);
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const lib = await pdfjs();
    const doc = await lib.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false })
      .promise;
    expect(doc.numPages).toBe(2);
    const first = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    const ocr = (await t.ok('pages.text', { id: readId }, t.adminToken)).text!;
    const squash = (s: string) => s.replace(/\s+/g, '');
    expect(squash(first).slice(0, 10)).toBe(squash(ocr).slice(0, 10));
    const second = (await (await doc.getPage(2)).getTextContent()).items;
    expect(second).toHaveLength(0);
    await doc.destroy();
  });

  it('hides text, image and PDF of a record above the caller’s clearance', async () => {
    const secret = await item('秘密说明', { securityLevel: 2 });
    const [p] = await trayPages(1);
    await t.ok('pages.attach', { ids: [p], itemId: secret }, t.adminToken);
    for (const [method, input] of [
      ['pages.text', { id: p }],
      ['pages.image', { id: p }],
      ['pages.pdf', { itemId: secret }],
    ] as const) {
      const r = await t.call(method, input, low);
      expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });
});

describe('the searchable PDF through the serve-mode bridge', () => {
  it('serves it as application/pdf for a ticket, only with the bridge token, and as the ticket’s session may see', async () => {
    const { startBridge } = await import('../../electron/transports/http');
    const bridge = await startBridge(t.core, { port: 0, staticDir: tempDir() });
    try {
      const base = `http://127.0.0.1:${bridge.port}`;
      const open = await item('公开材料');
      const secret = await item('秘密材料三', { securityLevel: 2 });
      const [a, b] = await trayPages(2);
      await t.ok('pages.attach', { ids: [a], itemId: open }, t.adminToken);
      await t.ok('pages.attach', { ids: [b], itemId: secret }, t.adminToken);
      const ticket = async (input: unknown, session: string, token = bridge.token) => {
        const r = await fetch(`${base}/pdf-ticket`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-dangan-token': token, 'x-dangan-session': session },
          body: JSON.stringify(input),
        });
        return { status: r.status, body: (await r.json()) as { ok: boolean; value?: { ticket: string } } };
      };
      expect((await ticket({ itemId: open }, low, 'wrong')).status).toBe(401);

      const mine = await ticket({ itemId: open }, low);
      const pdf = await fetch(`${base}/pdf/${mine.body.value!.ticket}/x.pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.headers.get('content-disposition')).toContain(encodeURIComponent('J001'));
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString('latin1'),
      ).toBe('%PDF-');

      // A ticket is no way around clearance: the core answers as the session that asked.
      const theirs = await ticket({ itemId: secret }, low);
      const refused = await fetch(`${base}/pdf/${theirs.body.value!.ticket}/x.pdf`);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('content-type')).not.toContain('pdf');
      expect((await fetch(`${base}/pdf/made-up/x.pdf`)).status).toBe(404);
    } finally {
      await bridge.close();
    }
  });
});
