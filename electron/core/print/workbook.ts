/**
 * The catalogues as workbooks (.xlsx): the same rows as their PDF (read with the same
 * clearance by prepareDocument), written by the catalogue export's sheet writer so that a
 * station's Excel catalogues all look alike.
 */
import { RETENTION_LABELS } from '../../contract/domain';
import { catalogueSheet, tableSheet } from '../exporter';
import type { CoreContext } from '../kernel';
import { loadScheme } from '../scheme';
import type { PreparedDoc } from './documents';
import { dateRange } from './volume-documents';

/** 案卷目录's columns, in the order of its PDF (catalogue-documents.ts). */
const VOLUME_COLUMNS = [
  { header: '案卷号', width: 8 },
  { header: '档号', width: 26 },
  { header: '案卷题名', width: 48 },
  { header: '起止日期', width: 20 },
  { header: '件数', width: 7 },
  { header: '总页数', width: 8 },
  { header: '保管期限', width: 10 },
  { header: '备注', width: 20 },
];

export async function writeWorkbook(ctx: CoreContext, doc: PreparedDoc, unitName: string): Promise<Buffer> {
  const sheet = doc.sheet;
  if (!sheet) throw new Error('only the catalogues are written as workbooks');
  if (sheet.kind === 'items') {
    const scheme = loadScheme(ctx);
    const out = catalogueSheet(unitName);
    for (const i of sheet.items) out.add(i, scheme.byId.get(i.categoryId)?.name ?? '');
    return out.finish();
  }
  const out = tableSheet('案卷目录', unitName, VOLUME_COLUMNS);
  for (const v of sheet.volumes)
    out.add([
      String(v.volumeNo).padStart(3, '0'),
      v.archiveCode,
      v.title,
      dateRange(v.startDate, v.endDate),
      v.itemCount,
      v.pages,
      RETENTION_LABELS[v.retention],
      v.remarks,
    ]);
  return out.finish();
}
