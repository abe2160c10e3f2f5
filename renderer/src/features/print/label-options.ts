/**
 * Which labels the 条码标签 panel offers for what the clerk is looking at: the open volume's
 * label; the boxes and volumes of the tree's class and year; every box; every place. From the
 * 库位 screen: the ticked boxes and volumes only.
 */
import type { MethodInput } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import type { PrintTarget } from './options';

export type LabelInput = Omit<MethodInput<'print.labels'>, 'sheet' | 'symbology' | 'start'>;

export interface LabelOption {
  key: string;
  label: string;
  input: LabelInput;
  /** 盒脊 or 盒内备考表 of the same boxes: a document, not labels (no sheet, code or start). */
  document?: MethodInput<'print.document'>;
}

export function labelOptions(p: PrintTarget): LabelOption[] {
  if (p.shelved) return shelvedOptions(p.shelved);
  const out: LabelOption[] = [];
  if (p.volume)
    out.push({
      key: 'volume',
      label: t('labels.volume', { code: p.volume.archiveCode }),
      input: { kind: 'volume', volumeIds: [p.volume.id] },
    });
  else if (p.categoryCode || p.year !== undefined) {
    const what = [p.categoryName ?? p.categoryCode ?? '', p.year !== undefined ? `${p.year} 年度` : '']
      .filter(Boolean)
      .join(' ');
    const scope = {
      ...(p.categoryCode ? { categoryCode: p.categoryCode } : {}),
      ...(p.year !== undefined ? { year: p.year } : {}),
    };
    out.push({ key: 'class-boxes', label: t('labels.classBoxes', { what }), input: { kind: 'box', ...scope } });
    for (const kind of ['box-spine', 'box-back'] as const)
      out.push({
        key: `class-${kind}`,
        label: t(kind === 'box-spine' ? 'labels.classSpines' : 'labels.classBacks', { what }),
        input: { kind: 'box', ...scope },
        document: { kind, ...scope },
      });
    out.push({ key: 'class-volumes', label: t('labels.classVolumes', { what }), input: { kind: 'volume', ...scope } });
  }
  out.push({ key: 'boxes', label: t('labels.allBoxes'), input: { kind: 'box' } });
  out.push({ key: 'spines', label: t('labels.allSpines'), input: { kind: 'box' }, document: { kind: 'box-spine' } });
  out.push({ key: 'backs', label: t('labels.allBacks'), input: { kind: 'box' }, document: { kind: 'box-back' } });
  out.push({ key: 'places', label: t('labels.allPlaces'), input: { kind: 'place' } });
  return out;
}

/** The ticked boxes' and volumes' labels; a single box's 盒脊 and 盒底 too. */
function shelvedOptions(s: NonNullable<PrintTarget['shelved']>): LabelOption[] {
  const out: LabelOption[] = [];
  const boxIds = s.boxes.map((b) => b.id);
  if (boxIds.length)
    out.push({
      key: 'ticked-boxes',
      label: t('labels.tickedBoxes', { n: boxIds.length }),
      input: { kind: 'box', ids: boxIds },
    });
  const one = s.boxes.length === 1 ? s.boxes[0]! : null;
  if (one)
    for (const kind of ['box-spine', 'box-back'] as const)
      out.push({
        key: `ticked-${kind}`,
        label: t(kind === 'box-spine' ? 'labels.boxSpine' : 'labels.boxBack', { code: one.code }),
        input: { kind: 'box', ids: [one.id] },
        document: { kind, boxId: one.id },
      });
  if (s.volumeIds.length)
    out.push({
      key: 'ticked-volumes',
      label: t('labels.tickedVolumes', { n: s.volumeIds.length }),
      input: { kind: 'volume', volumeIds: s.volumeIds },
    });
  return out;
}
