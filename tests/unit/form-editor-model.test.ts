/**
 * The template editor's pure parts: millimetres ↔ sample pixels (the same registration
 * OCR uses), keyboard nudges, the inline checks, and the template the editor saves.
 */
import { describe, expect, it } from 'vitest';
import type { TemplateDraft } from '../../electron/contract';
import { blankSurface, nudge, sampleSurface, toMm, toPx } from '../../renderer/src/features/forms/geometry';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import {
  copyId,
  metaOf,
  nextKey,
  toTemplate,
  zoneOf,
  type Meta,
  type Zone,
} from '../../renderer/src/features/forms/model';
import { serverIssues, validate } from '../../renderer/src/features/forms/validate';

const draft = (frame: TemplateDraft['frame']): TemplateDraft => ({
  pageId: 'p1',
  dpi: 300,
  size: { width: 2480, height: 3508 },
  page: { w: 210, h: 297 },
  frame,
  titles: [],
});
const meta: Meta = {
  id: 'local-form',
  name: '本所登记表',
  version: 1,
  titles: '常住人口登记表\n',
  itemTitle: '',
  page: { w: 210, h: 297 },
  frame: { x: 15, y: 40, w: 180, h: 169 },
  labels: [],
};
const zone = (uid: number, over: Partial<Zone> = {}): Zone => ({
  uid,
  key: `f${uid}`,
  label: '姓名',
  kind: 'name',
  enumOf: '',
  required: false,
  target: '',
  box: { x: 20, y: 50, w: 40, h: 13 },
  ...over,
});

describe('geometry', () => {
  it('maps a new template on its own sample as mm = px / dpi × 25.4', () => {
    const s = sampleSurface(meta.frame, draft(meta.frame));
    expect(s.ox).toBeCloseTo(0, 6);
    expect(s.sx).toBeCloseTo(300 / 25.4, 6);
    expect(toMm(s, { x: 300, y: 600 }, { x: 600, y: 900 })).toEqual({ x: 25.4, y: 50.8, w: 25.4, h: 25.4 });
  });

  it('places an existing template on a shifted sample by its table frame, as OCR does', () => {
    const s = sampleSurface(meta.frame, draft({ x: 18, y: 37, w: 180, h: 169 }));
    const px = toPx(s, { x: 15, y: 40, w: 10, h: 10 });
    expect(px.x).toBeCloseTo((18 * 300) / 25.4, 3);
    expect(px.y).toBeCloseTo((37 * 300) / 25.4, 3);
    // Back again: a box drawn where the frame's corner is on the sample is at the template's corner.
    expect(toMm(s, { x: px.x, y: px.y }, { x: px.x + px.w, y: px.y + px.h })).toEqual({ x: 15, y: 40, w: 10, h: 10 });
  });

  it('ignores a partial frame find (scale not trusted), like placer', () => {
    const s = sampleSurface(meta.frame, draft({ x: 15, y: 40, w: 120, h: 169 }));
    expect(s.sx).toBeCloseTo(300 / 25.4, 6);
    expect(s.sy).toBeCloseTo(300 / 25.4, 6);
  });

  it('nudges by millimetres, never off the top-left of the paper or below 1 mm', () => {
    const b = { x: 0.5, y: 10, w: 1.5, h: 5 };
    expect(nudge(b, -1, 0, false)).toEqual({ ...b, x: 0 });
    expect(nudge(b, 1, 1, false)).toEqual({ ...b, x: 1.5, y: 11 });
    expect(nudge(b, -1, 1, true)).toEqual({ ...b, w: 1, h: 6 });
    expect(blankSurface({ w: 210, h: 297 })).toMatchObject({ width: 840, height: 1188 });
  });
});

describe('inline checks', () => {
  it('flags duplicate keys, zones off the page and enums without a list', () => {
    const zones = [
      zone(1, { key: 'name' }),
      zone(2, { key: 'name' }),
      zone(3, { box: { x: 190, y: 50, w: 30, h: 10 } }),
      zone(4, { kind: 'enum' }),
      zone(5, { label: ' ' }),
    ];
    const v = validate(meta, zones, [], null);
    expect(v.zones.get(1)).toBeUndefined();
    expect(v.zones.get(2)).toEqual({ key: '字段键重复：name' });
    expect(v.zones.get(3)).toEqual({ box: '区域超出页面' });
    expect(v.zones.get(4)).toEqual({ enumOf: '枚举字段须指定取值表' });
    expect(v.zones.get(5)).toEqual({ label: '请填写中文名称（不超过 40 个字）' });
    expect(v.meta).toEqual({});
  });

  it('checks the id, name and titles, and an id taken by another template', () => {
    const others = [{ id: 'local-form', name: '旧表', version: 1, builtIn: false, fields: 3 }];
    expect(validate(meta, [zone(1)], others, null).meta.id).toBe('标识“local-form”已被模板“旧表”使用');
    expect(validate(meta, [zone(1)], others, 'local-form').meta.id).toBeUndefined();
    const bad = validate({ ...meta, id: 'Bad_ID', name: '', titles: '表' }, [], [], null).meta;
    expect(Object.keys(bad).sort()).toEqual(['id', 'name', 'titles', 'zones']);
  });

  it("lays the server's verdict on the zone it names", () => {
    const zones = [zone(7), zone(8)];
    const v = serverIssues({ 'template.fields.1.box': '字段“姓名”超出页面', 'template.titles': '至少一个' }, zones);
    expect(v.zones.get(8)).toEqual({ box: '字段“姓名”超出页面' });
    expect(v.meta).toEqual({ titles: '至少一个' });
  });
});

describe('the saved template', () => {
  it('leaves optional parts out and trims what the clerk typed', () => {
    const tpl = toTemplate(meta, [
      zone(1, { key: ' name ', target: 'person.name', required: true }),
      zone(2, { kind: 'text', enumOf: 'blood' }),
    ]);
    expect(tpl.titles).toEqual(['常住人口登记表']);
    expect(tpl.fields[0]).toEqual({
      key: 'name',
      label: '姓名',
      box: { x: 20, y: 50, w: 40, h: 13 },
      kind: 'name',
      required: true,
      target: 'person.name',
    });
    expect(tpl.fields[1]).not.toHaveProperty('enumOf');
    expect(tpl).not.toHaveProperty('itemTitle');
  });

  it("keeps a built-in form's record mapping (category, 业务类型) through an edit", () => {
    const t = BUILTIN_TEMPLATES.find((x) => x.id === 'admission-permit')!;
    const saved = toTemplate(metaOf(t), t.fields.map(zoneOf));
    expect(saved.record).toEqual({ category: 'ZY·HJ·QR', extra: { businessType: '迁入' } });
    expect(toTemplate(meta, [])).not.toHaveProperty('record');
  });

  it('suggests free keys and copy ids', () => {
    expect(nextKey([zone(1, { key: 'field2' })])).toBe('field3');
    expect(copyId('resident-registration', new Set(['resident-registration-2']))).toBe('resident-registration-3');
  });
});
