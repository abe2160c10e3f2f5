/** Display words for batches, pages and the OCR queue. */
import type { BatchView, PageView, TemplateSummary } from '../../../../electron/contract';
import { labelFor, t } from '../../i18n/zh-CN';

export const sourceLabel = (source: string): string => labelFor('batch.source', source);

export const batchStatusLabel = (s: BatchView['status']): string => t(`batch.status.${s}`);

export type Tone = 'ok' | 'warn' | 'bad' | 'busy' | 'plain';

/** The badge a thumbnail wears: what OCR made of the page. */
export function pageBadge(p: PageView): { label: string; tone: Tone } {
  if (p.skipped || p.ocrStatus === 'skipped') return { label: t('page.skipped'), tone: 'plain' };
  switch (p.ocrStatus) {
    case 'running':
      return { label: t('page.running'), tone: 'busy' };
    case 'done':
      return { label: t('page.done'), tone: 'ok' };
    case 'failed':
      return { label: t('page.failed'), tone: 'bad' };
    default:
      return { label: t('page.pending'), tone: 'busy' };
  }
}

/** The engine's short name for a page's caption ("PP-OCR", "tesseract.js"); the full label goes in its title. */
export function engineShort(label: string): string {
  return label.split(/[\s(（]/, 1)[0] || label;
}

/** Seconds → 「45 秒」「3 分 20 秒」「1 小时 5 分」. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('ocr.seconds', { s });
  if (s < 3600) return t('ocr.minutes', { m: Math.floor(s / 60), s: s % 60 });
  return t('ocr.hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

export function templateLabel(choice: string, templates: TemplateSummary[]): string {
  if (choice === 'auto') return t('intake.templateAuto');
  if (choice === 'none') return t('intake.templateNone');
  return templates.find((x) => x.id === choice)?.name ?? choice;
}

/** A page's name for people: 「登记表.pdf 第 2 页」, 「扫描0001.jpg」 or 「第 3 页」. */
export function pageName(p: PageView): string {
  if (!p.originalName) return t('page.seq', { n: p.seq });
  const multi = p.format === 'pdf' || p.format === 'tiff';
  return multi ? t('page.ofFile', { name: p.originalName, n: p.originalPage + 1 }) : p.originalName;
}
