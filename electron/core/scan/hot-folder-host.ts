import fs from 'node:fs';
/**
 * Runs the hot folder for a station: the settings live in `meta` (so the watch resumes
 * after a restart), every file picked up goes through intake into one batch per watch,
 * and the folder's state is pushed to the UI.
 */
import type { HotFolderSettings, HotFolderView } from '../../contract/scan';
import { type Actor, type CoreContext, AppError, getMeta, setMeta } from '../kernel';
import type { BlobStore } from '../storage';
import { HotFolder } from './hot-folder';
import { refusedHotFolder } from './hot-folder-path';
import { createBatch, emitBatch, finishBatch, ingestFile } from './intake';

const KEY = 'hotfolder.settings';
const UNAVAILABLE = '监视文件夹不存在或无法访问（U 盘可能已拔出）';

interface Stored extends HotFolderSettings {
  actor: Actor;
}

export class HotFolderHost {
  private folder: HotFolder | null = null;
  private batchId: string | null = null;
  private status: HotFolderView['status'] = 'off';
  private message: string | null = null;
  /** Fired after each file is taken in (the OCR runner is kicked from here). */
  onIngested: () => void = () => {};

  constructor(
    private readonly ctx: CoreContext,
    private readonly store: BlobStore,
  ) {}

  settings(): Stored | null {
    const raw = getMeta(this.ctx, KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  }

  view(): HotFolderView {
    const s = this.settings();
    return {
      dir: s?.dir ?? '',
      enabled: s?.enabled ?? false,
      itemId: s?.itemId ?? null,
      volumeId: s?.volumeId ?? null,
      template: s?.template ?? 'auto',
      status: this.status,
      message: this.message,
    };
  }

  /** Saves the settings (the caller's transaction) and restarts the watch to match. */
  configure(settings: HotFolderSettings, actor: Actor): void {
    setMeta(this.ctx, KEY, JSON.stringify({ ...settings, actor }));
  }

  /** Starts watching as configured (at boot, and after `configure`). */
  apply(pollMs = 1000): void {
    this.stop();
    const s = this.settings();
    if (!s?.enabled || !s.dir) return this.setStatus('off', null);
    // A folder saved before the path rules (or made a link since) is not watched: its files would be moved.
    const refused = refusedHotFolder(this.ctx, s.dir);
    if (refused) return this.setStatus('unavailable', refused);
    this.folder = new HotFolder({
      dir: s.dir,
      pollMs,
      onFile: (file) => this.take(s, file),
      onError: (err, file) => this.report(err, file),
      onStatus: (st) =>
        this.setStatus(st, st === 'unavailable' ? '监视文件夹不存在或无法访问（U 盘可能已拔出）' : null),
    });
    // The state is known now; waiting for the first poll's event would let the caller's
    // reply (still 'off') arrive after the event and overwrite it on the screen.
    this.setStatus(fs.existsSync(s.dir) ? 'watching' : 'unavailable', fs.existsSync(s.dir) ? null : UNAVAILABLE);
    this.folder.start();
  }

  stop(): void {
    void this.folder?.stop();
    this.folder = null;
    this.closeBatch();
  }

  /** Stops watching; resolves once the file being taken in (if any) is written and its batch closed. */
  async close(): Promise<void> {
    const folder = this.folder;
    this.folder = null;
    await folder?.stop();
    this.closeBatch();
  }

  private closeBatch(): void {
    if (this.batchId)
      finishBatch(this.ctx, this.settings()?.actor ?? { id: null, name: 'system' }, this.batchId, 'done');
    this.batchId = null;
  }

  /** One poll now (tests; the timer does this otherwise). */
  async tick(): Promise<void> {
    await this.folder?.tick();
  }

  private async take(s: Stored, file: string): Promise<void> {
    const target = { itemId: s.itemId, volumeId: s.volumeId, template: s.template };
    this.batchId ??= createBatch(this.ctx, s.actor, 'hotfolder', target, { dir: s.dir });
    const name = file.split(/[\\/]/).pop()!;
    try {
      await ingestFile(
        this.ctx,
        this.store,
        s.actor,
        { id: this.batchId, ...target },
        { name, path: file },
        { software: '监视文件夹' },
      );
    } catch (e) {
      // Shown in the batch; the hot folder then moves the file to 未能处理 with a note.
      this.report(e instanceof AppError ? e : new AppError('IMAGE_UNREADABLE', String(e)), file);
      throw e;
    }
    this.onIngested();
  }

  private report(err: AppError, file?: string): void {
    const name = file ? file.split(/[\\/]/).pop() : null;
    this.message = name ? `${name}：${err.message}` : err.message;
    if (this.batchId) emitBatch(this.ctx, this.batchId, 'open', this.message);
    this.ctx.events.emit('hotfolder.status', {
      status: this.status,
      dir: this.folder?.dir ?? '',
      message: this.message,
    });
  }

  private setStatus(status: HotFolderView['status'], message: string | null): void {
    this.status = status;
    this.message = message;
    this.ctx.events.emit('hotfolder.status', { status, dir: this.folder?.dir ?? '', message });
  }
}
