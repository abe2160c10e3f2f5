import { describe, expect, it } from 'vitest';
import {
  DAT13_ITEM_TEMPLATE,
  DAT22_ITEM_TEMPLATE,
  formatArchiveCode,
  VOLUME_TEMPLATE,
  validateTemplate,
} from '../../electron/core/scheme/archive-code';

const seg = { fonds: 'Z109', category: 'WS', year: 2011, retention: 'Y', org: 'BGS', item: 1 };

describe('档号 templates', () => {
  it('renders the DA/T 22-2015 example exactly', () => {
    expect(formatArchiveCode(DAT22_ITEM_TEMPLATE, seg)).toBe('Z109-WS·2011-Y-BGS-0001');
  });
  it('drops the optional 机构 segment with its separator when empty', () => {
    expect(formatArchiveCode(DAT22_ITEM_TEMPLATE, { ...seg, org: '' })).toBe('Z109-WS·2011-Y-0001');
  });
  it('renders the DA/T 13-2022 style', () => {
    expect(
      formatArchiveCode(DAT13_ITEM_TEMPLATE, {
        ...seg,
        fonds: 'A439',
        year: 2015,
        retention: 'D30',
        org: '003',
        item: 5,
      }),
    ).toBe('A439-WS·2015·D30·003-005');
  });
  it('renders a volume code with a second-level police class', () => {
    expect(formatArchiveCode(VOLUME_TEMPLATE, { ...seg, category: 'ZY·JT', org: '', volume: 12 })).toBe(
      'Z109-ZY·JT·2011-Y-012',
    );
  });
  it('rejects templates without a sequence number or with unknown tokens', () => {
    expect(() => validateTemplate('{fonds}-{category}', 'item')).toThrow(/缺少/);
    expect(() => validateTemplate('{fonds}-{nope}-{item:4}', 'item')).toThrow(/未知/);
    expect(() => validateTemplate('{fonds}[-{org}-{item:4}', 'item')).toThrow(/方括号/);
    expect(() => validateTemplate(DAT22_ITEM_TEMPLATE, 'item')).not.toThrow();
  });
});
