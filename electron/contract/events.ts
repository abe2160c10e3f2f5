/** Events the core pushes to the UI (IPC `on`, or server-sent events over the bridge). */
export interface JobProgressEvent {
  jobId: string;
  kind: 'import' | 'export' | 'demo' | 'reindex';
  phase: string;
  done: number;
  total: number;
  message: string;
}

export interface CoreEvents {
  'job.progress': JobProgressEvent;
}
export type EventName = keyof CoreEvents;
