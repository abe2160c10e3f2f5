/**
 * 归档章 (DA/T 22-2015, reference §3): one stamp per item, 45 × 16 mm, six equal cells —
 * 全宗号 | 年度 | 件号 over 机构（问题） | 保管期限 | 页数 — filled with the item's values, set
 * several to an A4 sheet to cut out or to print on label paper; each captioned with its 档号
 * so the clerk stamps the right item.
 */
import type { ItemRecord } from '../../../db/schema';
import { RETENTION_LABELS } from '../../contract/domain';
import type { DocSpec, FormCell } from './layout-types';

export type StampItem = Pick<
  ItemRecord,
  'fondsCode' | 'year' | 'itemNo' | 'orgCode' | 'retention' | 'pageCount' | 'archiveCode'
>;

/** The stamp's size (mm), from the standard. */
export const STAMP_MM = { w: 45, h: 16 } as const;
const SIZE = 9;

export function stampDoc(items: StampItem[]): DocSpec {
  const cell = (text: string): FormCell => ({ text, size: SIZE });
  return {
    title: '归档章',
    page: 'A4',
    margin: { top: 12, right: 10, bottom: 10, left: 10 },
    pageNumbers: false,
    blocks: [
      {
        type: 'tiles',
        width: STAMP_MM.w,
        gap: 3,
        captionSize: 6,
        tiles: items.map((i) => ({
          caption: i.archiveCode,
          form: {
            type: 'form',
            columns: [1 / 3, 1 / 3, 1 / 3],
            rows: [
              { height: STAMP_MM.h / 2, cells: [cell(i.fondsCode), cell(String(i.year)), cell(String(i.itemNo))] },
              {
                height: STAMP_MM.h / 2,
                cells: [
                  cell(i.orgCode),
                  cell(RETENTION_LABELS[i.retention]),
                  cell(i.pageCount == null ? '' : String(i.pageCount)),
                ],
              },
            ],
          },
        })),
      },
    ],
  };
}
