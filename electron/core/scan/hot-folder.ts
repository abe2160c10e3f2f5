/**
 * Watching the folder a scanner's own software saves into (every scanner on Windows has
 * such software, so this works where SANE does not). Polling, not fs.watch: watch events
 * are unreliable on USB and network drives and fire while a file is still being written.
 *
 * A file is handed to `onFile` once its size and mtime have held still for `stableChecks`
 * polls (and, on Windows, the writer has closed it), one at a time in name order. Then it
 * is moved to 已处理/<YYYYMMDD>/, or on failure to 未能处理/ with a note saying why. A file
 * is never deleted or overwritten here; one that cannot be moved stays put, is reported
 * once, and is not handed over again while it is unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock, AppError } from '../kernel';
import {
  FAILED_DIR,
  PROCESSED_DIR,
  compareNames,
  dayFolder,
  fingerprint,
  heldOpen,
  isCandidate,
  moveInto,
  statOf,
  writeSidecar,
} from './hot-folder-files';

export type HotFolderStatus = 'watching' | 'unavailable';

export interface HotFolderOptions {
  dir: string;
  pollMs?: number;
  stableChecks?: number;
  /** Extensions taken, lower case with the dot. */
  accept?: string[];
  onFile: (file: string) => Promise<void>;
  onError: (err: AppError, file?: string) => void;
  onStatus?: (status: HotFolderStatus) => void;
  /** Dates the 已处理 subfolders (tests pass a fixed clock). */
  clock?: Clock;
}

export const DEFAULT_ACCEPT = ['.jpg', '.jpeg', '.png', '.tif', '.tiff', '.pdf'];

/** A processed file that could not be moved out, and what was due to happen to it. */
interface Unmoved {
  fingerprint: string;
  failure: string | null;
}

export class HotFolder {
  readonly dir: string;
  private readonly pollMs: number;
  private readonly stableChecks: number;
  private readonly accept: string[];
  private readonly clock: Clock;
  /** Per file: its last fingerprint and for how many polls in a row it has not changed. */
  private readonly seen = new Map<string, { fingerprint: string; unchanged: number }>();
  private readonly unmoved = new Map<string, Unmoved>();
  private status: HotFolderStatus | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private halted = false;
  private current: Promise<void> | null = null;

  constructor(private readonly opts: HotFolderOptions) {
    this.dir = opts.dir;
    this.pollMs = opts.pollMs ?? 1000;
    this.stableChecks = opts.stableChecks ?? 2;
    this.accept = (opts.accept ?? DEFAULT_ACCEPT).map((e) => e.toLowerCase());
    this.clock = opts.clock ?? systemClock;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.halted = false;
    this.schedule(0);
  }

  /** Stops polling; resolves once the file being handed over (if any) is finished with. */
  async stop(): Promise<void> {
    this.running = false;
    this.halted = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
  }

  /** One poll. Overlapping calls share the poll already running. */
  tick(): Promise<void> {
    this.current ??= this.poll().finally(() => {
      this.current = null;
    });
    return this.current;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick()
        // Nothing in a poll is meant to throw; if something does, the watch still goes on.
        .catch((e: unknown) => this.report(new AppError('HOT_FOLDER_UNAVAILABLE', undefined, { cause: String(e) })))
        .finally(() => {
          if (this.running) this.schedule(this.pollMs);
        });
    }, ms);
  }

  private async poll(): Promise<void> {
    let names: string[];
    try {
      names = fs
        .readdirSync(this.dir, { withFileTypes: true })
        .filter((e) => e.isFile() && isCandidate(e.name, this.accept))
        .map((e) => e.name)
        .sort(compareNames);
    } catch (e) {
      this.unavailable(e);
      return;
    }
    this.setStatus('watching');
    const present = new Set(names);
    for (const name of [...this.seen.keys()]) if (!present.has(name)) this.seen.delete(name);
    for (const name of [...this.unmoved.keys()]) if (!present.has(name)) this.unmoved.delete(name);

    const ready: string[] = [];
    for (const name of names) {
      const file = path.join(this.dir, name);
      const st = statOf(file);
      if (!st) continue;
      const fp = fingerprint(st);
      const unmoved = this.unmoved.get(name);
      if (unmoved?.fingerprint === fp) {
        this.move(name, unmoved);
        continue;
      }
      // A file that changed since its move failed is a new file (rescanned under the same name).
      this.unmoved.delete(name);
      const prev = this.seen.get(name);
      const unchanged = prev?.fingerprint === fp ? prev.unchanged + 1 : 0;
      this.seen.set(name, { fingerprint: fp, unchanged });
      // Empty files are how most scanner software starts a page: never a finished scan.
      if (unchanged >= this.stableChecks && st.size > 0 && !heldOpen(file)) ready.push(name);
    }

    for (const name of ready) {
      if (this.halted) return;
      // Checked again: handing over the files before this one may have taken minutes.
      const st = statOf(path.join(this.dir, name));
      if (!st || fingerprint(st) !== this.seen.get(name)?.fingerprint) {
        this.seen.delete(name);
        continue;
      }
      await this.handOver(name);
    }
  }

  private async handOver(name: string): Promise<void> {
    const file = path.join(this.dir, name);
    this.seen.delete(name);
    let failure: string | null = null;
    try {
      await this.opts.onFile(file);
    } catch (e) {
      failure = e instanceof Error ? e.message : String(e);
    }
    // onFile may have taken the file away itself; then there is nothing left to move.
    const st = statOf(file);
    if (st) this.move(name, { fingerprint: fingerprint(st), failure });
  }

  private move(name: string, due: Unmoved): void {
    const file = path.join(this.dir, name);
    const now = this.clock.now();
    let moved: string;
    try {
      const dest = due.failure === null ? path.join(PROCESSED_DIR, dayFolder(now)) : FAILED_DIR;
      moved = moveInto(file, path.join(this.dir, dest));
    } catch (e) {
      // Left in place and remembered, so it is not handed over again; reported only once,
      // then the move is quietly retried on each poll (a file still locked may free up).
      if (!this.unmoved.has(name)) {
        this.unmoved.set(name, due);
        const message = `文件已处理，但无法移出监视文件夹：${name}`;
        this.report(new AppError('HOT_FOLDER_UNAVAILABLE', message, { cause: String(e) }), file);
      }
      return;
    }
    this.unmoved.delete(name);
    if (due.failure === null) return;
    try {
      writeSidecar(moved, name, due.failure, now);
    } catch (e) {
      const message = `无法写入错误说明文件：${path.basename(moved)}`;
      this.report(new AppError('HOT_FOLDER_UNAVAILABLE', message, { cause: String(e) }), moved);
    }
  }

  private unavailable(e: unknown): void {
    // Stability is earned again after the drive returns: a file may have changed meanwhile.
    this.seen.clear();
    if (this.status === 'unavailable') return;
    this.setStatus('unavailable');
    const code = (e as NodeJS.ErrnoException).code;
    this.report(new AppError('HOT_FOLDER_UNAVAILABLE', undefined, { dir: this.dir, cause: code ?? String(e) }));
  }

  private setStatus(status: HotFolderStatus): void {
    if (this.status === status) return;
    this.status = status;
    try {
      this.opts.onStatus?.(status);
    } catch {
      // A listener's own failure must not stop the watch.
    }
  }

  private report(err: AppError, file?: string): void {
    try {
      this.opts.onError(err, file);
    } catch {
      // As above: the watch outlives a failing listener.
    }
  }
}
