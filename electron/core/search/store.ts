/**
 * The index's tables: postings blocks (search_blocks) and documents (search_docs).
 * Writing appends: new documents get numbers above every existing one, so each term's
 * new postings go after its last block (merged into it while it has room).
 */
import type Database from 'better-sqlite3';
import { searchDocs } from '../../../db/schema';
import { colSql, tableSql } from '../kernel';
import type { PostingsBuilder } from './builder';
import { dateNumber, fieldsOf, type ItemSource } from './document';
import { BLOCK_BYTES, cutBlocks, writeVarint } from './postings';
import { emitField, FULLTEXT } from './terms';

// Raw on purpose: the postings writer; statements are prepared once per store and run per block and doc.
// search_blocks is not in the drizzle schema (a WITHOUT ROWID table, migration 0003), so its names are spelled here.

const d = searchDocs;
const DOCS = tableSql(d);
/** search_docs columns in insertDoc's parameter order (live is always 1). */
const DOC_COLUMNS = [
  d.doc,
  d.itemId,
  d.replaces,
  d.categoryId,
  d.year,
  d.retention,
  d.securityLevel,
  d.status,
  d.hasScans,
  d.date,
  d.stationId,
].map((c) => colSql(c));
type DocNumber = (typeof d.$inferSelect)['doc'];

export class IndexStore {
  private readonly insertBlock: Database.Statement;
  private readonly lastBlock: Database.Statement;
  private readonly deleteBlock: Database.Statement;
  private readonly insertDoc: Database.Statement;
  private readonly currentDoc: Database.Statement;
  private readonly maxDoc: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insertBlock = db.prepare('INSERT INTO search_blocks (term, last_doc, data) VALUES (?, ?, ?)');
    this.lastBlock = db
      .prepare('SELECT last_doc, data FROM search_blocks WHERE term = ? ORDER BY last_doc DESC LIMIT 1')
      .raw();
    this.deleteBlock = db.prepare('DELETE FROM search_blocks WHERE term = ? AND last_doc = ?');
    this.insertDoc = db.prepare(
      `INSERT INTO ${DOCS} (${colSql(d.live)}, ${DOC_COLUMNS.join(', ')}) VALUES (1, ${DOC_COLUMNS.map(() => '?').join(', ')})`,
    );
    this.currentDoc = db
      .prepare(
        `SELECT ${colSql(d.doc)} FROM ${DOCS} WHERE ${colSql(d.itemId)} = ? AND ${colSql(d.live)} = 1
         ORDER BY ${colSql(d.doc)} DESC LIMIT 1`,
      )
      .pluck();
    this.maxDoc = db.prepare(`SELECT coalesce(max(${colSql(d.doc)}), 0) FROM ${DOCS}`).pluck();
  }

  nextDoc(): number {
    return (this.maxDoc.get() as DocNumber) + 1;
  }

  /**
   * Adds one document for the item, retiring its previous one (`replacePrevious`), and
   * feeds its terms to the builder.
   */
  addDoc(builder: PostingsBuilder, doc: number, src: ItemSource, replacePrevious: boolean): void {
    const replaces = replacePrevious ? ((this.currentDoc.get(src.id) as DocNumber | undefined) ?? null) : null;
    this.insertDoc.run(
      doc,
      src.id,
      replaces,
      src.categoryId,
      src.year,
      src.retention,
      src.securityLevel,
      src.deleted ? 1 : 0,
      src.pages.length > 0 ? 1 : 0,
      dateNumber(src.date),
      src.stationId ?? '',
    );
    builder.beginDoc(doc);
    const fields = fieldsOf(src);
    // Positions must rise within a document: the full text sits at 0, the others above it.
    if (fields[FULLTEXT]) emitField(fields[FULLTEXT]!, FULLTEXT, builder);
    for (let f = 0; f < fields.length; f++) if (f !== FULLTEXT && fields[f]) emitField(fields[f]!, f, builder);
    builder.endDoc();
  }

  /** Writes a builder's blocks as they are (a rebuild: the builder cut them, nothing is stored yet). */
  writeBlocks(builder: PostingsBuilder): number {
    let blocks = 0;
    builder.forEachBlock((term, lastDoc, data) => {
      this.insertBlock.run(term, lastDoc, data);
      blocks++;
    });
    return blocks;
  }

  /** Writes the builder's postings after the stored ones, each term's first new block joined to its last stored one. */
  writePostings(builder: PostingsBuilder): number {
    let blocks = 0;
    const emit = (term: number) => (lastDoc: number, data: Uint8Array) => {
      this.insertBlock.run(term, lastDoc, data);
      blocks++;
    };
    builder.forEachTerm((term, stream) => {
      const tail = this.lastBlock.get(term) as [number, Uint8Array] | undefined;
      if (!tail || tail[1].length >= BLOCK_BYTES) return cutBlocks(stream, emit(term));
      this.deleteBlock.run(term, tail[0]);
      cutBlocks(continueBlock(tail[1], tail[0], stream), emit(term));
    });
    return blocks;
  }
}

/** A block's postings followed by a stream's, the stream's first document made relative. */
function continueBlock(block: Uint8Array, blockLastDoc: number, stream: Uint8Array): Uint8Array {
  let skip = 0;
  let first = 0;
  for (let shift = 0; ; shift += 7) {
    const b = stream[skip++]!;
    first += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
  }
  const rest = stream.subarray(skip); // [payload length][payload], then the other postings
  const out = new Uint8Array(block.length + 5 + rest.length);
  out.set(block, 0);
  const at = writeVarint(out, block.length, first - blockLastDoc);
  out.set(rest, at);
  return out.subarray(0, at + rest.length);
}
