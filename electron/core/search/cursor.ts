/**
 * Walks one term's postings in document order, reading its blocks from SQLite a batch
 * at a time and seeking by the blocks' last documents, so a rare term's few documents
 * cost a few B-tree probes in a common term's long list.
 */
import type Database from 'better-sqlite3';
import { BlockReader } from './postings';

// Raw on purpose: postings blocks are read per query term in the search hot loop (.raw() tuples).
// search_blocks is not in the drizzle schema (a WITHOUT ROWID table, migration 0003), so its names are spelled here.

export const END = Number.MAX_SAFE_INTEGER;

export class BlockSource {
  readonly from: Database.Statement;
  readonly range: Database.Statement;
  constructor(db: Database.Database) {
    this.from = db
      .prepare('SELECT last_doc, data FROM search_blocks WHERE term = ? AND last_doc >= ? ORDER BY last_doc LIMIT ?')
      .raw();
    this.range = db.prepare('SELECT term, data FROM search_blocks WHERE term >= ? AND term < ?').raw();
  }
}

export class TermCursor {
  doc = -1;
  private readonly r = new BlockReader();
  private blockLast = -1;
  private queue: [number, Uint8Array][] = [];
  private queueAt = 0;
  private batch = 4;
  private exhausted = false;

  constructor(
    private readonly src: BlockSource,
    readonly term: number,
  ) {}

  private fetch(target: number): boolean {
    if (this.exhausted) return false;
    const rows = this.src.from.all(this.term, target, this.batch) as [number, Uint8Array][];
    if (rows.length < this.batch) this.exhausted = true;
    // A long walk through a common term reads ever larger batches.
    this.batch = Math.min(256, this.batch * 2);
    this.queue = rows;
    this.queueAt = 0;
    return rows.length > 0;
  }

  private loadNext(target: number): boolean {
    while (this.queueAt < this.queue.length && this.queue[this.queueAt]![0] < target) this.queueAt++;
    if (this.queueAt === this.queue.length && !this.fetch(target)) return false;
    const [last, data] = this.queue[this.queueAt++]!;
    this.blockLast = last;
    this.r.reset(data);
    return true;
  }

  /** Moves to the first posting with document ≥ target; `doc` is END when there is none. */
  seek(target: number): number {
    if (this.doc >= target) return this.doc;
    if (target > this.blockLast && !this.loadNext(target)) return (this.doc = END);
    for (;;) {
      while (this.r.next()) if (this.r.doc >= target) return (this.doc = this.r.doc);
      if (!this.loadNext(target)) return (this.doc = END);
    }
  }

  next(): number {
    return this.seek(this.doc + 1);
  }

  /** The current posting's positions into `buf`, which holds at least payloadLength() values. */
  decode(buf: Int32Array): number {
    return this.r.decode(buf);
  }

  /** Bytes of the current posting's positions (an upper bound on their count). */
  payloadLength(): number {
    return this.r.payloadEnd - this.r.payloadStart;
  }
}
