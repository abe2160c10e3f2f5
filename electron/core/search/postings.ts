/**
 * The byte layout of postings. A term's postings are a sequence, in document order, of
 *   [document: varint][payload length: varint][payload: position deltas, varints]
 * where the first document of a block is absolute and the others are deltas from the
 * one before. The payload length lets a reader skip a document without decoding its
 * positions. A block is cut at document boundaries once it holds BLOCK_BYTES.
 */

/** Blocks stay under ~1 KB so SQLite keeps each inside its B-tree page. */
export const BLOCK_BYTES = 900;

export function writeVarint(buf: Uint8Array, at: number, v: number): number {
  while (v >= 0x80) {
    buf[at++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buf[at++] = v;
  return at;
}

export const varintSize = (v: number): number =>
  v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;

/** Reads postings from one block. */
export class BlockReader {
  data: Uint8Array = new Uint8Array(0);
  private at = 0;
  doc = -1;
  payloadStart = 0;
  payloadEnd = 0;

  reset(data: Uint8Array): void {
    this.data = data;
    this.at = 0;
    this.doc = -1;
    this.payloadEnd = 0;
  }

  private varint(): number {
    const d = this.data;
    let b = d[this.at++]!;
    if (b < 0x80) return b;
    let v = b & 0x7f;
    let shift = 7;
    do {
      b = d[this.at++]!;
      // Bit operations while the value fits 28 bits (document numbers, lengths); beyond, arithmetic.
      v = shift < 28 ? v | ((b & 0x7f) << shift) : v + (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b >= 0x80);
    return v;
  }

  /** Moves to the next posting; false at the end of the block. */
  next(): boolean {
    this.at = this.payloadEnd;
    if (this.at >= this.data.length) return false;
    const v = this.varint();
    this.doc = this.doc < 0 ? v : this.doc + v;
    const len = this.varint();
    this.payloadStart = this.at;
    this.payloadEnd = this.at + len;
    return true;
  }

  /** Decodes the current posting's positions into `buf`, which the caller sized (one byte or more a position). */
  decode(buf: Int32Array): number {
    const d = this.data;
    const end = this.payloadEnd;
    let at = this.payloadStart;
    let n = 0;
    let pos = 0;
    while (at < end) {
      // Positions stay below 2^28, so four varint bytes and plain bit operations suffice.
      let b = d[at++]!;
      let v = b & 0x7f;
      for (let shift = 7; b >= 0x80; shift += 7) {
        b = d[at++]!;
        v |= (b & 0x7f) << shift;
      }
      pos += v;
      buf[n++] = pos;
    }
    return n;
  }
}

/**
 * Cuts a term's postings stream (first document absolute, then deltas) into blocks of
 * about `limit` bytes, each starting with an absolute document. The block passed to
 * `emit` is only valid during the call.
 */
export function cutBlocks(
  stream: Uint8Array,
  emit: (lastDoc: number, data: Uint8Array) => void,
  limit = BLOCK_BYTES,
): void {
  if (stream.length <= limit) {
    // One block as it is (the stream already starts with an absolute document).
    let lastDoc = -1;
    const r = reader;
    r.reset(stream);
    while (r.next()) lastDoc = r.doc;
    emit(lastDoc, stream);
    return;
  }
  const r = new BlockReader();
  r.reset(stream);
  let block = new Uint8Array(limit + 64);
  let len = 0;
  let lastDoc = -1;
  while (r.next()) {
    const payloadLen = r.payloadEnd - r.payloadStart;
    let docField = len === 0 ? r.doc : r.doc - lastDoc;
    if (len > 0 && len + varintSize(docField) + varintSize(payloadLen) + payloadLen > limit) {
      emit(lastDoc, block.subarray(0, len));
      len = 0;
      docField = r.doc;
    }
    const need = varintSize(docField) + varintSize(payloadLen) + payloadLen;
    if (len + need > block.length) {
      const bigger = new Uint8Array(len + need);
      bigger.set(block.subarray(0, len));
      block = bigger;
    }
    len = writeVarint(block, len, docField);
    len = writeVarint(block, len, payloadLen);
    for (let k = r.payloadStart; k < r.payloadEnd; k++) block[len++] = stream[k]!;
    lastDoc = r.doc;
  }
  if (len > 0) emit(lastDoc, block.subarray(0, len));
}

const reader = new BlockReader();
