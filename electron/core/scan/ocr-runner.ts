/**
 * Works the durable OCR queue (`ocr_jobs`): claims queued jobs up to the pool's size,
 * reads each page, and commits text, words, fields and the page's state in one
 * transaction with its audit and change-log rows. A job that fails or times out is
 * queued once more; the second failure marks the page failed with the reason. Jobs left
 * running by a crash or a restart go back to the queue when the runner starts.
 */
import { asc, count, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { ocrJobs, pages, type OcrJobRecord } from '../../../db/schema/scan';
import type { OcrQueueView } from '../../contract/scan';
import { type CoreContext, AppError } from '../kernel';
import type { BlobStore } from '../storage';
import { commitReading, failJob } from './ocr-commit';
import { liveJob, type OcrEngineHost, type OcrPool } from '../ocr';
import { readPage, templatesFor } from '../forms';

type JobRow = Pick<OcrJobRecord, 'id' | 'pageId' | 'batchId' | 'template' | 'attempts'>;

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
    ctx.orm.update(ocrJobs).set({ status: 'queued' }).where(eq(ocrJobs.status, 'running')).run();
    ctx.orm.update(pages).set({ ocrStatus: 'queued' }).where(eq(pages.ocrStatus, 'running')).run();
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
    const live = this.ctx.orm
      .select({ status: ocrJobs.status, n: count() })
      .from(ocrJobs)
      .where(liveJob)
      .groupBy(ocrJobs.status)
      .all();
    const counts: Record<string, number> = Object.fromEntries(live.map((r) => [r.status, r.n]));
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
    const orm = this.ctx.orm;
    const next = orm
      .select({ id: ocrJobs.id })
      .from(ocrJobs)
      .where(eq(ocrJobs.status, 'queued'))
      .orderBy(asc(ocrJobs.enqueuedAt), asc(ocrJobs.id))
      .limit(1);
    return this.ctx.sqlite
      .transaction(() => {
        const job = orm
          .update(ocrJobs)
          .set({ status: 'running', attempts: sql`${ocrJobs.attempts} + 1`, startedAt: this.ctx.nowIso() })
          .where(eq(ocrJobs.id, next))
          .returning({
            id: ocrJobs.id,
            pageId: ocrJobs.pageId,
            batchId: ocrJobs.batchId,
            template: ocrJobs.template,
            attempts: ocrJobs.attempts,
          })
          .get();
        if (job) orm.update(pages).set({ ocrStatus: 'running' }).where(eq(pages.id, job.pageId)).run();
        return job ?? null;
      })
      .immediate();
  }

  private async work(job: JobRow): Promise<void> {
    this.emit(job, 'running');
    try {
      const page = this.ctx.orm
        .select({ processed: pages.processedSha256, dpi: pages.dpi, rotation: pages.rotation })
        .from(pages)
        .where(eq(pages.id, job.pageId))
        .get();
      if (!page?.processed) throw new AppError('OCR_FAILED', '页面图像缺失');
      const stored = this.store.read(page.processed);
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
      pageId: job.pageId,
      batchId: job.batchId,
      status,
      message,
      ...this.stats(),
    });
  }
}
