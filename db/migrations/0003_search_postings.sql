-- Custom migration (drizzle-kit cannot express a WITHOUT ROWID table).
-- The full-text index's postings (electron/core/search/): for each term, blocks of
-- under ~1 KB holding the documents and positions where it occurs, keyed by the term
-- and the block's last document so a reader can seek to any document. Blocks this
-- small stay inside their B-tree page (no overflow chains).
CREATE TABLE `search_blocks` (
	`term` integer NOT NULL,
	`last_doc` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`term`, `last_doc`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Items that exist already need indexing: the core rebuilds the index when this is set.
INSERT INTO `meta` (`key`, `value`) SELECT 'search.stale', '1' WHERE EXISTS (SELECT 1 FROM `items`)
	ON CONFLICT(`key`) DO UPDATE SET `value` = '1';
