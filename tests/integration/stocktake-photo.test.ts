/**
 * 盘点 by photo (issue 18): a label generated with bwip-js, turned a little, set on a noisy
 * background and saved as JPEG like a phone picture, is decoded in core with zxing-wasm (its
 * wasm from node_modules) and recorded as a 'photo' scan; a picture without a barcode says so
 * and records nothing.
 */
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labelPayload } from '../../electron/core/shelving';
import { labelPhoto } from '../helpers/label-photo';
import { addBox, addPlace } from '../helpers/shelf-fixture';
import { makeTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
beforeEach(async () => (t = await makeTestCore()));
afterEach(() => t?.close());

describe('stock-take photo', () => {
  it('decodes a photographed label and records it as a photo scan', async () => {
    const ctx = t.core.ctx;
    const room = addPlace(ctx, 'KF1', 'A库房');
    const box = addBox(ctx, 7, room);
    const st = await t.ok('stocktake.start', { place: 'KF1', title: '拍照' }, t.adminToken);
    const photo = await labelPhoto(labelPayload('box', box.code, box.id));
    const r = await t.ok(
      'stocktake.decodePhoto',
      { id: st.id, fileName: 'label.jpg', base64: photo.toString('base64') },
      t.adminToken,
    );
    expect(r.codes).toEqual([`B/${box.code}`]);
    expect(r.lines).toMatchObject([{ outcome: 'found', source: 'photo', entityId: box.id }]);
    const report = await t.ok('stocktake.get', { id: st.id }, t.adminToken);
    expect(report.counts).toMatchObject({ expected: 1, found: 1, missing: 0 });

    const blank = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#eee' } })
      .png()
      .toBuffer();
    const before = [t.count('stocktake_scans'), t.count('audit_log')];
    expect(
      await t.call('stocktake.decodePhoto', { id: st.id, base64: blank.toString('base64') }, t.adminToken),
    ).toMatchObject({
      ok: false,
      error: { code: 'NO_BARCODE', message: expect.stringContaining('照片中没有找到条码') },
    });
    expect([t.count('stocktake_scans'), t.count('audit_log')]).toEqual(before);
  });
});
