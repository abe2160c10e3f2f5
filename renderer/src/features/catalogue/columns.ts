import type { ItemRow } from '../../../../electron/contract';
import type { MessageKey } from '../../i18n/zh-CN';
import { formatDate, retentionLabel, securityLabel } from '../../lib/format';
import type { FilterColumn, SortColumn } from '../../stores/catalogue';

export interface GridColumn {
  key: keyof ItemRow;
  labelKey: MessageKey;
  width: string;
  sort?: SortColumn;
  filter?: FilterColumn;
  align?: 'right' | 'center';
  mono?: boolean;
  render: (row: ItemRow) => string;
}

const text = (k: keyof ItemRow) => (row: ItemRow) => {
  const v = row[k];
  return v === null || v === undefined ? '' : String(v);
};

export const GRID_COLUMNS: GridColumn[] = [
  {
    key: 'archiveCode',
    labelKey: 'cat.col.archiveCode',
    width: '220px',
    mono: true,
    sort: 'archiveCode',
    filter: 'archiveCode',
    render: text('archiveCode'),
  },
  {
    key: 'title',
    labelKey: 'cat.col.title',
    width: 'minmax(160px, 1fr)',
    sort: 'title',
    filter: 'title',
    render: text('title'),
  },
  {
    key: 'author',
    labelKey: 'cat.col.author',
    width: '120px',
    sort: 'author',
    filter: 'author',
    render: text('author'),
  },
  {
    key: 'date',
    labelKey: 'cat.col.date',
    width: '90px',
    sort: 'date',
    filter: 'date',
    render: (r) => formatDate(r.date),
  },
  { key: 'year', labelKey: 'cat.col.year', width: '52px', sort: 'year', align: 'center', render: text('year') },
  {
    key: 'retention',
    labelKey: 'cat.col.retention',
    width: '72px',
    align: 'center',
    render: (r) => retentionLabel(r.retention),
  },
  {
    key: 'securityLevel',
    labelKey: 'cat.col.securityLevel',
    width: '48px',
    align: 'center',
    render: (r) => securityLabel(r.securityLevel),
  },
  { key: 'pageCount', labelKey: 'cat.col.pageCount', width: '48px', align: 'right', render: text('pageCount') },
  { key: 'boxNo', labelKey: 'cat.col.boxNo', width: '48px', align: 'center', render: text('boxNo') },
  {
    key: 'personNames',
    labelKey: 'cat.col.personNames',
    width: '130px',
    filter: 'personNames',
    render: text('personNames'),
  },
];

export const GRID_TEMPLATE = GRID_COLUMNS.map((c) => c.width).join(' ');
export const ROW_HEIGHT = 28;
