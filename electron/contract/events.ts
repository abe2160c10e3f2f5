import type { OcrQueueView } from './scan';

/** Events the core pushes to the UI (IPC `on`, or server-sent events over the bridge). */
export interface JobProgressEvent {
  jobId: string;
  kind: 'import' | 'export' | 'demo' | 'reindex';
  phase: string;
  done: number;
  total: number;
  message: string;
}

/** One OCR job changed state; carries the queue's totals for the progress bar. */
export interface OcrProgressEvent extends OcrQueueView {
  pageId: string;
  batchId: string | null;
  status: string;
  message: string;
}

/** An intake batch (scanner, dropped files, hot folder) gained a page or ended. */
export interface ScanProgressEvent {
  batchId: string;
  status: 'open' | 'done' | 'failed' | 'cancelled';
  pages: number;
  message: string;
}

export interface HotFolderEvent {
  status: 'off' | 'watching' | 'unavailable';
  dir: string;
  message: string | null;
}

export interface CoreEvents {
  'job.progress': JobProgressEvent;
  'ocr.progress': OcrProgressEvent;
  'scan.progress': ScanProgressEvent;
  'hotfolder.status': HotFolderEvent;
}
export type EventName = keyof CoreEvents;
