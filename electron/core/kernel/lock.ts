/**
 * One writer at a time. Mutations and long jobs (an import holding a transaction
 * across event-loop turns) queue here. Reads wait only while a long job holds an open
 * transaction, so they never see its half-written rows.
 */
export class WriteLock {
  private tail: Promise<void> = Promise.resolve();
  private openTx: Promise<void> | null = null;

  async run<T>(fn: () => T | Promise<T>): Promise<T> {
    const prev = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => (release = r));
    await prev;
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** Marks a transaction that stays open across awaits (chunked import) until `done` settles. */
  holdTransaction(done: Promise<unknown>): void {
    this.openTx = done.then(
      () => undefined,
      () => undefined,
    );
    void this.openTx.then(() => (this.openTx = null));
  }

  async runRead<T>(fn: () => T | Promise<T>): Promise<T> {
    while (this.openTx) await this.openTx;
    return fn();
  }
}
