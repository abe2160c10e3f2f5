/**
 * Works the durable OCR queue (`ocr_jobs`): claims queued jobs up to the pool's size,
 * reads each page, and commits text, words, fields and the page's state in one
 * transaction with its audit and change-log rows. A job that fails or times out is
 * queued once more; the second failure marks the page failed with the reason. Jobs left
 * running by a crash or a restart go back to the queue when the runner starts.
 */
import sharp from 'sharp';
import type { OcrQueueView } from '../../contract/scan';
import { type CoreContext, AppError } from '../kernel';
import type { BlobStore } from '../storage';
import { commitReading, failJob } from './ocr-commit';
import type { OcrEngineHost, OcrPool } from '../ocr';
import { readPage, templatesFor } from '../forms';

interface JobRow {
  id: string;
  page_id: string;
  batch_id: string | null;
  template: string;
  attempts: number;
}

const MAX_ATTEMPTS = 2;

export class OcrRunner {
  private active = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  /** Pages being read now: shutdown waits for them so none writes after SQLite closes. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Finish times of recent pages, for pages per minute and time left. */
  private finished: number[] = [];
  private doneCount = 0;
  private failedCount = 0;

  constructor(
    private readonly ctx: CoreContext,
    private readonly store: BlobStore,
    private readonly pool: () => OcrPool,
    private readonly engines: OcrEngineHost,
    private readonly workers: number,
  ) {
    ctx.sqlite.prepare("UPDATE ocr_jobs SET status = 'queued' WHERE status = 'running'").run();
    ctx.sqlite.prepare("UPDATE pages SET ocr_status = 'queued' WHERE ocr_status = 'running'").run();
  }

  /** Claims as many queued jobs as there are free workers. */
  kick(): void {
    while (!this.stopped && this.active < this.workers) {
      const job = this.claim();
      if (!job) break;
      this.active++;
      const work: Promise<void> = this.work(job).finally(() => {
        this.inFlight.delete(work);
        this.active--;
        this.kick();
        if (this.active === 0) for (const w of this.idleWaiters.splice(0)) w();
      });
      this.inFlight.add(work);
    }
  }

  /** Resolves once nothing is queued or running (tests, the CLI). */
  idle(): Promise<void> {
    this.kick();
    if (this.active === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  /** Claims nothing more; results still arriving are dropped (their jobs are requeued at the next start). */
  stop(): void {
    this.stopped = true;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  /** Resolves once the pages being read when stop() was called have settled (their results dropped). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Queue figures for the progress bar. Only the live jobs are counted in the database
   * (a small, indexed set); pages done or failed are counted since this runner started,
   * so the bar measures the current work rather than every page ever read.
   */
  stats(): OcrQueueView {
    const live = this.ctx.sqlite.prepare(
      "SELECT status, count(*) n FROM ocr_jobs WHERE status IN ('queued','running') GROUP BY status",
    );
    const counts = Object.fromEntries(
      (live.all() as { status: string; n: number }[]).map((r) => [r.status, r.n]),
    ) as Record<string, number>;
    counts.done = this.doneCount;
    counts.failed = this.failedCount;
    const now = Date.now();
    this.finished = this.finished.filter((t) => now - t < 10 * 60_000);
    const span = this.finished.length > 1 ? (now - this.finished[0]!) / 60_000 : 0;
    const rate = span > 0 ? this.finished.length / span : null;
    const left = (counts.queued ?? 0) + (counts.running ?? 0);
    return {
      queued: counts.queued ?? 0,
      running: counts.running ?? 0,
      done: counts.done ?? 0,
      failed: counts.failed ?? 0,
      workers: this.workers,
      pagesPerMinute: rate === null ? null : Math.round(rate * 10) / 10,
      etaSeconds: rate ? Math.round((left / rate) * 60) : null,
    };
  }

  private claim(): JobRow | null {
    const db = this.ctx.sqlite;
    return db
      .transaction(() => {
        const job = db
          .prepare(
            `UPDATE ocr_jobs SET status = 'running', attempts = attempts + 1, started_at = ?
             WHERE id = (SELECT id FROM ocr_jobs WHERE status = 'queued' ORDER BY enqueued_at, id LIMIT 1)
             RETURNING id, page_id, batch_id, template, attempts`,
          )
          .get(this.ctx.nowIso()) as JobRow | undefined;
        if (job) db.prepare("UPDATE pages SET ocr_status = 'running' WHERE id = ?").run(job.page_id);
        return job ?? null;
      })
      .immediate();
  }

  private async work(job: JobRow): Promise<void> {
    this.emit(job, 'running');
    try {
      const page = this.ctx.sqlite
        .prepare('SELECT processed_sha256, dpi, rotation FROM pages WHERE id = ?')
        .get(job.page_id) as { processed_sha256: string | null; dpi: number | null; rotation: number } | undefined;
      if (!page?.processed_sha256) throw new AppError('OCR_FAILED', '页面图像缺失');
      const stored = this.store.read(page.processed_sha256);
      // The clerk's quarter turns are kept apart from the stored image; OCR reads the page upright.
      const png = page.rotation
        ? await sharp(stored)
            .rotate(page.rotation * 90)
            .png()
            .toBuffer()
        : stored;
      const reading = await readPage(this.pool(), png, {
        dpi: page.dpi,
        template: job.template,
        templates: templatesFor(this.ctx),
        pdf: true,
        ...(await this.engines.forPages()),
      });
      if (this.stopped) return;
      if (reading.fallback) this.engines.markFailed(reading.fallback);
      if (!commitReading(this.ctx, this.store, job, reading)) return;
      this.finished.push(Date.now());
      this.doneCount++;
      this.emit(job, 'done');
    } catch (e) {
      if (this.stopped) return;
      const err = e instanceof AppError ? e : new AppError('OCR_FAILED', (e as Error)?.message);
      const retry = job.attempts < MAX_ATTEMPTS && err.code !== 'JOB_CANCELLED';
      failJob(this.ctx, job, err, retry);
      if (!retry) this.failedCount++;
      this.emit(job, retry ? 'queued' : 'failed', err.message);
    }
  }

  private emit(job: JobRow, status: string, message = ''): void {
    this.ctx.events.emit('ocr.progress', {
      pageId: job.page_id,
      batchId: job.batch_id,
      status,
      message,
      ...this.stats(),
    });
  }
}
