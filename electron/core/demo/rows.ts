/**
 * A batch's rows of one table as a JSON array of arrays, encoded to UTF-8 as each row
 * is added. The bytes live outside the JS heap, so a batch's rows are not copied by
 * every young-generation GC while the batch fills up; the finished buffer moves to the
 * writer thread without a copy, and the writer hands it to SQLite as it is (no UTF-16
 * to UTF-8 conversion on the writing thread).
 */
export class JsonRows {
  private buf: Buffer;
  private len = 1;
  count = 0;

  constructor(private capacity = 1 << 20) {
    this.buf = Buffer.allocUnsafeSlow(capacity);
    this.buf[0] = 0x5b; // [
  }

  /** Adds one row, given as its JSON text (an array). */
  push(json: string): void {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes; +2 for the comma and the closing bracket.
    const need = this.len + json.length * 3 + 2;
    if (need > this.capacity) this.grow(need);
    if (this.count++) this.buf[this.len++] = 0x2c; // ,
    this.len += this.buf.write(json, this.len, 'utf8');
  }

  /** The finished `[…]` text; the object starts over with a fresh buffer. */
  take(): Uint8Array {
    this.buf[this.len++] = 0x5d; // ]
    const out = new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.len);
    this.buf = Buffer.allocUnsafeSlow(this.capacity);
    this.buf[0] = 0x5b;
    this.len = 1;
    this.count = 0;
    return out;
  }

  private grow(need: number): void {
    while (this.capacity < need) this.capacity *= 2;
    const next = Buffer.allocUnsafeSlow(this.capacity);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
}
