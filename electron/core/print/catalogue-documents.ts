/** The catalogues (reference §3, §4): 案卷目录 and 归档文件目录, A4 landscape, one row per record. */
import type { ItemRecord } from '../../../db/schema';
import { RETENTION_LABELS } from '../../contract/domain';
import type { VolumeView } from '../../contract/dto';
import type { DocSpec } from './layout-types';
import { type Archive, dateRange, securityText } from './volume-documents';

const LANDSCAPE = { top: 15, right: 15, bottom: 12, left: 20 };

/** The line under a catalogue's title: whose records, which class. */
export const scopeLine = (a: Archive, scope: string) =>
  `全宗号：${a.fondsCode}　　全宗名称：${a.unitName}${scope ? `　　${scope}` : ''}`;

/** A volume with the pages of the items the caller may see. */
export type CatalogueVolume = VolumeView & { pages: number };

export function volumeCatalogueDoc(a: Archive, scope: string, volumes: CatalogueVolume[]): DocSpec {
  return {
    title: '案卷目录',
    page: 'A4-landscape',
    margin: LANDSCAPE,
    pageNumbers: true,
    blocks: [
      { type: 'title', text: '案卷目录', size: 20, after: 4 },
      { type: 'line', text: scopeLine(a, scope), size: 10 },
      {
        type: 'table',
        size: 9,
        columns: [
          { header: '案卷号', width: 0.07, align: 'center' },
          { header: '档号', width: 0.2 },
          { header: '案卷题名', width: 0.33 },
          { header: '起止日期', width: 0.14, align: 'center' },
          { header: '件数', width: 0.05, align: 'center' },
          { header: '总页数', width: 0.06, align: 'center' },
          { header: '保管期限', width: 0.07, align: 'center' },
          { header: '备注', width: 0.08 },
        ],
        rows: volumes.map((v) => [
          String(v.volumeNo).padStart(3, '0'),
          v.archiveCode,
          v.title,
          dateRange(v.startDate, v.endDate),
          String(v.itemCount),
          String(v.pages),
          RETENTION_LABELS[v.retention],
          v.remarks,
        ]),
        empty: '（没有符合条件的案卷）',
      },
    ],
  };
}

export type CatalogueItem = Pick<
  ItemRecord,
  'archiveCode' | 'docNumber' | 'author' | 'title' | 'date' | 'securityLevel' | 'pageCount' | 'remarks'
>;

export function itemCatalogueDoc(a: Archive, scope: string, items: CatalogueItem[]): DocSpec {
  return {
    title: '归档文件目录',
    page: 'A4-landscape',
    margin: LANDSCAPE,
    pageNumbers: true,
    blocks: [
      { type: 'title', text: '归档文件目录', size: 20, after: 4 },
      { type: 'line', text: scopeLine(a, scope), size: 10 },
      {
        type: 'table',
        size: 9,
        columns: [
          { header: '序号', width: 0.05, align: 'center' },
          { header: '档号', width: 0.18 },
          { header: '文号', width: 0.11 },
          { header: '责任者', width: 0.1 },
          { header: '题名', width: 0.3 },
          { header: '日期', width: 0.07, align: 'center' },
          { header: '密级', width: 0.05, align: 'center' },
          { header: '页数', width: 0.05, align: 'center' },
          { header: '备注', width: 0.09 },
        ],
        rows: items.map((i, n) => [
          String(n + 1),
          i.archiveCode,
          i.docNumber,
          i.author,
          i.title,
          i.date,
          securityText(i.securityLevel),
          i.pageCount == null ? '' : String(i.pageCount),
          i.remarks,
        ]),
        empty: '（没有符合条件的文件）',
      },
    ],
  };
}
