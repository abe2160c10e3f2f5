/**
 * Collects postings for a run of new documents in memory: an open-addressing hash from
 * term to slot, and each slot's postings stream in chunks of one arena (pages of plain
 * bytes), so a million documents make no per-term JS objects for the GC to trace.
 * Documents arrive in increasing number; within a document, positions in increasing order.
 */
import { varintSize, writeVarint } from './postings';
import type { TermSink } from './terms';

const PAGE_BITS = 24;
const PAGE_SIZE = 1 << PAGE_BITS;
const MAX_CHUNK = 4096;

export class PostingsBuilder implements TermSink {
  private bits = 16;
  private table = new Int32Array(1 << 16); // slot + 1, 0 = empty
  private nSlots = 0;
  private term = new Uint32Array(1024);
  private tail = new Int32Array(1024); // arena address of the slot's current chunk
  private writeAt = new Int32Array(1024); // next free byte in it
  private chunkEnd = new Int32Array(1024);
  private head = new Int32Array(1024);
  private length = new Int32Array(1024); // bytes of postings
  private lastDoc = new Float64Array(1024);
  private stamp = new Int32Array(1024);
  private firstOcc = new Int32Array(1024);
  private lastOcc = new Int32Array(1024);
  private occPos = new Int32Array(4096);
  private occNext = new Int32Array(4096);
  private nOcc = 0;
  private touched = new Int32Array(1024);
  private nTouched = 0;
  private doc = -1;
  private docSeq = 0;
  private pages: Uint8Array[] = [];
  private pageUsed = PAGE_SIZE;
  private tmp = new Uint8Array(1 << 16);
  // Block cuts (only with a block size): the stream offset where a block starts, the last
  // document of the block before it, chained per slot in stream order.
  private blockLen = new Int32Array(1024);
  private cutHead = new Int32Array(1024);
  private cutTail = new Int32Array(1024);
  private cutOffset = new Int32Array(1024);
  private cutLast = new Float64Array(1024);
  private cutNext = new Int32Array(1024);
  private nCuts = 0;

  /**
   * With `blockBytes`, postings are cut into blocks as they arrive (each block starts with
   * an absolute document), and forEachBlock hands them out without reparsing; without it,
   * each term's postings are one stream for forEachTerm.
   */
  constructor(private readonly blockBytes = Infinity) {}

  /** Arena bytes in use: the caller flushes when this passes its budget. */
  get bytes(): number {
    return this.pages.length * PAGE_SIZE;
  }

  beginDoc(doc: number): void {
    this.doc = doc;
    this.docSeq++;
    this.nOcc = 0;
    this.nTouched = 0;
  }

  add(term: number, pos: number): void {
    const slot = this.slotOf(term);
    if (this.nOcc === this.occPos.length) {
      this.occPos = grow(this.occPos);
      this.occNext = grow(this.occNext);
    }
    const o = this.nOcc++;
    this.occPos[o] = pos;
    this.occNext[o] = -1;
    if (this.stamp[slot] !== this.docSeq) {
      this.stamp[slot] = this.docSeq;
      this.firstOcc[slot] = o;
      if (this.nTouched === this.touched.length) this.touched = grow(this.touched);
      this.touched[this.nTouched++] = slot;
    } else this.occNext[this.lastOcc[slot]!] = o;
    this.lastOcc[slot] = o;
  }

  endDoc(): void {
    // Room for the longest payload (5 bytes a position) in the back half of tmp.
    while (this.tmp.length < 2 * (5 * this.nOcc + 32)) this.tmp = new Uint8Array(this.tmp.length * 2);
    for (let t = 0; t < this.nTouched; t++) {
      const slot = this.touched[t]!;
      // Payload first, into the back half of tmp, to learn its length.
      let p = this.tmp.length >> 1;
      const payloadStart = p;
      let prev = 0;
      for (let o = this.firstOcc[slot]!; o !== -1; o = this.occNext[o]!) {
        const pos = this.occPos[o]!;
        p = writeVarint(this.tmp, p, pos - prev);
        prev = pos;
      }
      const payloadLen = p - payloadStart;
      const last = this.lastDoc[slot]!;
      let docField = last < 0 ? this.doc : this.doc - last;
      let size = varintSize(docField) + varintSize(payloadLen) + payloadLen;
      if (this.blockLen[slot]! > 0 && this.blockLen[slot]! + size > this.blockBytes) {
        this.cut(slot);
        docField = this.doc;
        size = varintSize(docField) + varintSize(payloadLen) + payloadLen;
      }
      // The header goes right before the payload, so the posting is appended in one piece.
      const hl = size - payloadLen;
      let h = writeVarint(this.tmp, payloadStart - hl, docField);
      h = writeVarint(this.tmp, h, payloadLen);
      this.append(slot, this.tmp, payloadStart - hl, hl + payloadLen);
      this.blockLen[slot]! += size;
      this.lastDoc[slot] = this.doc;
    }
    this.nTouched = 0;
  }

  /** Calls `fn` for every term in increasing order with its postings stream. */
  forEachTerm(fn: (term: number, stream: Uint8Array) => void): void {
    this.forEachSlot((term, _slot, stream) => fn(term, stream));
  }

  /** Calls `fn` for every block, terms in increasing order; `data` is valid during the call only. */
  forEachBlock(fn: (term: number, lastDoc: number, data: Uint8Array) => void): void {
    this.forEachSlot((term, slot, stream) => {
      let from = 0;
      for (let c = this.cutHead[slot]!; c !== -1; c = this.cutNext[c]!) {
        fn(term, this.cutLast[c]!, stream.subarray(from, this.cutOffset[c]!));
        from = this.cutOffset[c]!;
      }
      fn(term, this.lastDoc[slot]!, stream.subarray(from));
    });
  }

  private forEachSlot(fn: (term: number, slot: number, stream: Uint8Array) => void): void {
    // Each term has one slot, so sorting the terms and finding their slots again is enough.
    const terms = this.term.slice(0, this.nSlots).sort();
    let buf = new Uint8Array(1 << 16);
    for (let i = 0; i < terms.length; i++) {
      const slot = this.find(terms[i]!);
      const len = this.length[slot]!;
      if (len > buf.length) buf = new Uint8Array(Math.max(len, buf.length * 2));
      this.gather(slot, buf);
      fn(terms[i]!, slot, buf.subarray(0, len));
    }
  }

  private cut(slot: number): void {
    if (this.nCuts === this.cutOffset.length) {
      this.cutOffset = grow(this.cutOffset);
      this.cutNext = grow(this.cutNext);
      const last = new Float64Array(this.cutLast.length * 2);
      last.set(this.cutLast);
      this.cutLast = last;
    }
    const c = this.nCuts++;
    this.cutOffset[c] = this.length[slot]!;
    this.cutLast[c] = this.lastDoc[slot]!;
    this.cutNext[c] = -1;
    if (this.cutTail[slot]! < 0) this.cutHead[slot] = c;
    else this.cutNext[this.cutTail[slot]!] = c;
    this.cutTail[slot] = c;
    this.blockLen[slot] = 0;
  }

  clear(): void {
    this.nCuts = 0;
    this.table = new Int32Array(1 << 16);
    this.bits = 16;
    this.nSlots = 0;
    this.pages = [];
    this.pageUsed = PAGE_SIZE;
  }

  private find(term: number): number {
    const mask = this.table.length - 1;
    let i = Math.imul(term, 0x9e3779b1) >>> (32 - this.bits);
    while (this.term[this.table[i]! - 1] !== term) i = (i + 1) & mask;
    return this.table[i]! - 1;
  }

  private slotOf(term: number): number {
    const mask = this.table.length - 1;
    let i = Math.imul(term, 0x9e3779b1) >>> (32 - this.bits);
    for (;;) {
      const s = this.table[i]!;
      if (s === 0) break;
      if (this.term[s - 1] === term) return s - 1;
      i = (i + 1) & mask;
    }
    const slot = this.nSlots++;
    if (slot === this.term.length) this.growSlots();
    this.term[slot] = term;
    this.head[slot] = -1;
    this.tail[slot] = -1;
    this.writeAt[slot] = 0;
    this.chunkEnd[slot] = 0;
    this.length[slot] = 0;
    this.lastDoc[slot] = -1;
    this.stamp[slot] = 0;
    this.blockLen[slot] = 0;
    this.cutHead[slot] = -1;
    this.cutTail[slot] = -1;
    this.table[i] = slot + 1;
    if (this.nSlots * 2 > this.table.length) this.rehash();
    return slot;
  }

  private rehash(): void {
    this.bits++;
    const table = new Int32Array(1 << this.bits);
    const mask = table.length - 1;
    for (let s = 0; s < this.nSlots; s++) {
      let i = Math.imul(this.term[s]!, 0x9e3779b1) >>> (32 - this.bits);
      while (table[i] !== 0) i = (i + 1) & mask;
      table[i] = s + 1;
    }
    this.table = table;
  }

  private growSlots(): void {
    this.term = growU32(this.term);
    const grown = ['tail', 'writeAt', 'chunkEnd', 'head', 'length', 'stamp', 'firstOcc', 'lastOcc'] as const;
    for (const k of [...grown, 'blockLen', 'cutHead', 'cutTail'] as const) this[k] = grow(this[k]);
    const lastDoc = new Float64Array(this.lastDoc.length * 2);
    lastDoc.set(this.lastDoc);
    this.lastDoc = lastDoc;
  }

  /** Appends bytes to a slot's chunk chain; a chunk is [next address: 4 bytes][data]. */
  private append(slot: number, src: Uint8Array, from: number, len: number): void {
    this.length[slot]! += len;
    while (len > 0) {
      let at = this.writeAt[slot]!;
      let end = this.chunkEnd[slot]!;
      if (at === end) {
        const prevTail = this.tail[slot]!;
        const size = prevTail < 0 ? 16 : Math.min(MAX_CHUNK, 2 * (end - ((prevTail & (PAGE_SIZE - 1)) + 4)));
        const addr = this.alloc(size + 4);
        const page = this.pages[addr >>> PAGE_BITS]!;
        const off = addr & (PAGE_SIZE - 1);
        page[off] = page[off + 1] = page[off + 2] = page[off + 3] = 0xff; // next = -1
        if (prevTail < 0) this.head[slot] = addr;
        else {
          const pp = this.pages[prevTail >>> PAGE_BITS]!;
          const po = prevTail & (PAGE_SIZE - 1);
          pp[po] = addr & 0xff;
          pp[po + 1] = (addr >>> 8) & 0xff;
          pp[po + 2] = (addr >>> 16) & 0xff;
          pp[po + 3] = (addr >>> 24) & 0xff;
        }
        this.tail[slot] = addr;
        at = off + 4;
        end = off + 4 + size;
        this.chunkEnd[slot] = end;
      }
      const page = this.pages[this.tail[slot]! >>> PAGE_BITS]!;
      const n = Math.min(len, end - at);
      for (let k = 0; k < n; k++) page[at + k] = src[from + k]!;
      this.writeAt[slot] = at + n;
      from += n;
      len -= n;
    }
  }

  private alloc(size: number): number {
    if (this.pageUsed + size > PAGE_SIZE) {
      this.pages.push(new Uint8Array(PAGE_SIZE));
      this.pageUsed = 0;
    }
    const addr = ((this.pages.length - 1) << PAGE_BITS) | this.pageUsed;
    this.pageUsed += size;
    return addr;
  }

  private gather(slot: number, out: Uint8Array): void {
    let remaining = this.length[slot]!;
    let at = 0;
    let size = 16;
    for (let addr = this.head[slot]!; addr !== -1 && remaining > 0;) {
      const page = this.pages[addr >>> PAGE_BITS]!;
      const off = addr & (PAGE_SIZE - 1);
      const n = Math.min(size, remaining);
      out.set(page.subarray(off + 4, off + 4 + n), at);
      at += n;
      remaining -= n;
      addr = page[off]! | (page[off + 1]! << 8) | (page[off + 2]! << 16) | (page[off + 3]! << 24);
      size = Math.min(MAX_CHUNK, size * 2);
    }
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
function growU32(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}
