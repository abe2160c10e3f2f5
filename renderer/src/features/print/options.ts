/**
 * Which documents the 打印 dialog offers for what the clerk is looking at: a volume's own
 * documents; the catalogues and 归档章 of the tree's class and year; the 归档章 of the grid's row.
 */
import { PRINT_KIND_LABELS, type MethodInput, type PrintKind } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';

export interface PrintTarget {
  /** The volume open in the tree. */
  volume?: { id: string; archiveCode: string } | undefined;
  /** The grid's current row. */
  item?: { id: string; archiveCode: string } | undefined;
  /** The tree's class (full code) and year, when no volume is open. */
  categoryCode?: string | undefined;
  categoryName?: string | undefined;
  year?: number | undefined;
  /** Rows marked in the grid (in the order marked): their 归档文件目录 and 归档章 only. */
  selection?: { id: string; archiveCode: string }[] | undefined;
  /** Opened from a record: its own documents (and its volume's), not the whole class. */
  recordOnly?: boolean | undefined;
  /** Boxes and loose volumes ticked in the 库位 screen: their labels (and one box's 盒脊/盒底). */
  shelved?: { boxes: { id: string; code: string }[]; volumeIds: string[] } | undefined;
}

export interface PrintOption {
  key: string;
  kind: PrintKind;
  label: string;
  /** What it covers: a volume, an item, a class and year. */
  scope: string;
  input: MethodInput<'print.document'>;
}

const option = (
  kind: PrintKind,
  scope: string,
  input: Omit<MethodInput<'print.document'>, 'kind'>,
  key: string = kind,
): PrintOption => ({
  key,
  kind,
  label: key === kind ? PRINT_KIND_LABELS[kind] : `${PRINT_KIND_LABELS[kind]}（${t('print.selected')}）`,
  scope,
  input: { kind, ...input },
});

export function printOptions(p: PrintTarget): PrintOption[] {
  const out: PrintOption[] = [];
  if (p.selection && p.selection.length > 0) {
    const scope = t('print.scopeSelection', { n: p.selection.length });
    const itemIds = p.selection.map((r) => r.id);
    for (const kind of ['item-catalogue', 'stamp'] as const) out.push(option(kind, scope, { itemIds }, `${kind}-sel`));
    return out;
  }
  if (p.volume) {
    const scope = t('print.scopeVolume', { code: p.volume.archiveCode });
    const volumeId = p.volume.id;
    for (const kind of ['cover', 'contents', 'notes', 'item-catalogue', 'stamp'] as const)
      out.push(option(kind, scope, { volumeId }));
  } else if (!p.recordOnly) {
    const what = [p.categoryName && p.categoryCode ? `${p.categoryName} ${p.categoryCode}` : '', p.year ?? '']
      .filter(Boolean)
      .join(' · ');
    const scope = what ? t('print.scopeClass', { what: `${what}${p.year ? ' 年度' : ''}` }) : t('print.scopeAll');
    const input = {
      ...(p.categoryCode ? { categoryCode: p.categoryCode } : {}),
      ...(p.year !== undefined ? { year: p.year } : {}),
    };
    for (const kind of ['volume-catalogue', 'item-catalogue', 'stamp'] as const) out.push(option(kind, scope, input));
  }
  if (p.item)
    out.push(
      option('stamp', t('print.scopeItem', { code: p.item.archiveCode }), { itemIds: [p.item.id] }, 'stamp-item'),
    );
  return out;
}

/** Ctrl+P (the browser's own print is the wrong page) or Alt+P opens the dialog. */
export const isPrintShortcut = (e: KeyboardEvent) =>
  (e.ctrlKey || e.metaKey) !== e.altKey && !e.shiftKey && (e.code === 'KeyP' || e.key === 'p' || e.key === 'P');
