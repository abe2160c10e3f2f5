-- Custom migration: the bureau's projection of its stations' records (db/schema/bureau.ts).
-- Triggers on station_records keep station_items, station_persons and station_item_persons
-- in step with every writer of the mirror; the back-fill at the end reads what a bureau
-- already holds. A station's deleted person (a tombstone) is not a person any more.
-- The triggers delete before they insert (no OR REPLACE / OR IGNORE): the mirror is
-- written by an UPSERT, whose conflict handling (ABORT) overrides a trigger's OR clause.
CREATE TRIGGER `station_records_items_ai` AFTER INSERT ON `station_records` WHEN new.entity = 'item'
BEGIN
	DELETE FROM `station_items` WHERE station_id = new.station_id AND id = new.entity_id;
	INSERT INTO `station_items` (station_id, id, version, node_id, fonds_code, category_id, category_code, year, retention, org_code, volume_id, item_no, archive_code, title, author, doc_number, date, page_count, security_level, remarks, extra, person_names, created_at, updated_at, deleted_at, deleted_reason)
		SELECT new.station_id,
		new.entity_id,
		new.version,
		new.node_id,
		coalesce(json_extract(new.fields, '$.fields.fonds_code'), ''),
		coalesce(json_extract(new.fields, '$.fields.category_id'), ''),
		coalesce(json_extract(new.fields, '$.fields.category_code'), ''),
		coalesce(json_extract(new.fields, '$.fields.year'), 0),
		coalesce(json_extract(new.fields, '$.fields.retention'), 'Y'),
		coalesce(json_extract(new.fields, '$.fields.org_code'), ''),
		json_extract(new.fields, '$.fields.volume_id'),
		coalesce(json_extract(new.fields, '$.fields.item_no'), 0),
		coalesce(json_extract(new.fields, '$.fields.archive_code'), ''),
		coalesce(json_extract(new.fields, '$.fields.title'), ''),
		coalesce(json_extract(new.fields, '$.fields.author'), ''),
		coalesce(json_extract(new.fields, '$.fields.doc_number'), ''),
		coalesce(json_extract(new.fields, '$.fields.date'), ''),
		json_extract(new.fields, '$.fields.page_count'),
		coalesce(json_extract(new.fields, '$.fields.security_level'), 0),
		coalesce(json_extract(new.fields, '$.fields.remarks'), ''),
		coalesce(json_extract(new.fields, '$.fields.extra'), '{}'),
		coalesce(json_extract(new.fields, '$.fields.person_names'), ''),
		coalesce(json_extract(new.fields, '$.fields.created_at'), new.received_at),
		coalesce(json_extract(new.fields, '$.fields.updated_at'), new.received_at),
		CASE WHEN new.deleted = 1 THEN coalesce(json_extract(new.fields, '$.fields.deleted_at'), new.received_at) ELSE json_extract(new.fields, '$.fields.deleted_at') END,
		json_extract(new.fields, '$.fields.deleted_reason');
	DELETE FROM `station_item_persons` WHERE station_id = new.station_id AND item_id = new.entity_id;
	INSERT INTO `station_item_persons` (station_id, item_id, person_id)
		SELECT DISTINCT new.station_id, new.entity_id, json_extract(j.value, '$.personId')
		FROM json_each(new.fields, '$.fields.persons') j WHERE json_extract(j.value, '$.personId') IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `station_records_persons_ai` AFTER INSERT ON `station_records` WHEN new.entity = 'person'
BEGIN
	DELETE FROM `station_persons` WHERE station_id = new.station_id AND id = new.entity_id;
	INSERT INTO `station_persons` (station_id, id, name, id_number)
		SELECT new.station_id, new.entity_id, coalesce(json_extract(new.fields, '$.fields.name'), ''), json_extract(new.fields, '$.fields.id_number') WHERE new.deleted = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `station_records_items_au` AFTER UPDATE ON `station_records` WHEN new.entity = 'item'
BEGIN
	DELETE FROM `station_items` WHERE station_id = new.station_id AND id = new.entity_id;
	INSERT INTO `station_items` (station_id, id, version, node_id, fonds_code, category_id, category_code, year, retention, org_code, volume_id, item_no, archive_code, title, author, doc_number, date, page_count, security_level, remarks, extra, person_names, created_at, updated_at, deleted_at, deleted_reason)
		SELECT new.station_id,
		new.entity_id,
		new.version,
		new.node_id,
		coalesce(json_extract(new.fields, '$.fields.fonds_code'), ''),
		coalesce(json_extract(new.fields, '$.fields.category_id'), ''),
		coalesce(json_extract(new.fields, '$.fields.category_code'), ''),
		coalesce(json_extract(new.fields, '$.fields.year'), 0),
		coalesce(json_extract(new.fields, '$.fields.retention'), 'Y'),
		coalesce(json_extract(new.fields, '$.fields.org_code'), ''),
		json_extract(new.fields, '$.fields.volume_id'),
		coalesce(json_extract(new.fields, '$.fields.item_no'), 0),
		coalesce(json_extract(new.fields, '$.fields.archive_code'), ''),
		coalesce(json_extract(new.fields, '$.fields.title'), ''),
		coalesce(json_extract(new.fields, '$.fields.author'), ''),
		coalesce(json_extract(new.fields, '$.fields.doc_number'), ''),
		coalesce(json_extract(new.fields, '$.fields.date'), ''),
		json_extract(new.fields, '$.fields.page_count'),
		coalesce(json_extract(new.fields, '$.fields.security_level'), 0),
		coalesce(json_extract(new.fields, '$.fields.remarks'), ''),
		coalesce(json_extract(new.fields, '$.fields.extra'), '{}'),
		coalesce(json_extract(new.fields, '$.fields.person_names'), ''),
		coalesce(json_extract(new.fields, '$.fields.created_at'), new.received_at),
		coalesce(json_extract(new.fields, '$.fields.updated_at'), new.received_at),
		CASE WHEN new.deleted = 1 THEN coalesce(json_extract(new.fields, '$.fields.deleted_at'), new.received_at) ELSE json_extract(new.fields, '$.fields.deleted_at') END,
		json_extract(new.fields, '$.fields.deleted_reason');
	DELETE FROM `station_item_persons` WHERE station_id = new.station_id AND item_id = new.entity_id;
	INSERT INTO `station_item_persons` (station_id, item_id, person_id)
		SELECT DISTINCT new.station_id, new.entity_id, json_extract(j.value, '$.personId')
		FROM json_each(new.fields, '$.fields.persons') j WHERE json_extract(j.value, '$.personId') IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `station_records_persons_au` AFTER UPDATE ON `station_records` WHEN new.entity = 'person'
BEGIN
	DELETE FROM `station_persons` WHERE station_id = new.station_id AND id = new.entity_id;
	INSERT INTO `station_persons` (station_id, id, name, id_number)
		SELECT new.station_id, new.entity_id, coalesce(json_extract(new.fields, '$.fields.name'), ''), json_extract(new.fields, '$.fields.id_number') WHERE new.deleted = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `station_records_projection_ad` AFTER DELETE ON `station_records`
BEGIN
	DELETE FROM `station_items` WHERE old.entity = 'item' AND station_id = old.station_id AND id = old.entity_id;
	DELETE FROM `station_item_persons` WHERE old.entity = 'item' AND station_id = old.station_id AND item_id = old.entity_id;
	DELETE FROM `station_persons` WHERE old.entity = 'person' AND station_id = old.station_id AND id = old.entity_id;
END;
--> statement-breakpoint
INSERT OR REPLACE INTO `station_items` (station_id, id, version, node_id, fonds_code, category_id, category_code, year, retention, org_code, volume_id, item_no, archive_code, title, author, doc_number, date, page_count, security_level, remarks, extra, person_names, created_at, updated_at, deleted_at, deleted_reason)
	SELECT r.station_id,
		r.entity_id,
		r.version,
		r.node_id,
		coalesce(json_extract(r.fields, '$.fields.fonds_code'), ''),
		coalesce(json_extract(r.fields, '$.fields.category_id'), ''),
		coalesce(json_extract(r.fields, '$.fields.category_code'), ''),
		coalesce(json_extract(r.fields, '$.fields.year'), 0),
		coalesce(json_extract(r.fields, '$.fields.retention'), 'Y'),
		coalesce(json_extract(r.fields, '$.fields.org_code'), ''),
		json_extract(r.fields, '$.fields.volume_id'),
		coalesce(json_extract(r.fields, '$.fields.item_no'), 0),
		coalesce(json_extract(r.fields, '$.fields.archive_code'), ''),
		coalesce(json_extract(r.fields, '$.fields.title'), ''),
		coalesce(json_extract(r.fields, '$.fields.author'), ''),
		coalesce(json_extract(r.fields, '$.fields.doc_number'), ''),
		coalesce(json_extract(r.fields, '$.fields.date'), ''),
		json_extract(r.fields, '$.fields.page_count'),
		coalesce(json_extract(r.fields, '$.fields.security_level'), 0),
		coalesce(json_extract(r.fields, '$.fields.remarks'), ''),
		coalesce(json_extract(r.fields, '$.fields.extra'), '{}'),
		coalesce(json_extract(r.fields, '$.fields.person_names'), ''),
		coalesce(json_extract(r.fields, '$.fields.created_at'), r.received_at),
		coalesce(json_extract(r.fields, '$.fields.updated_at'), r.received_at),
		CASE WHEN r.deleted = 1 THEN coalesce(json_extract(r.fields, '$.fields.deleted_at'), r.received_at) ELSE json_extract(r.fields, '$.fields.deleted_at') END,
		json_extract(r.fields, '$.fields.deleted_reason')
	FROM `station_records` r WHERE r.entity = 'item';
--> statement-breakpoint
INSERT OR IGNORE INTO `station_item_persons` (station_id, item_id, person_id)
	SELECT r.station_id, r.entity_id, json_extract(j.value, '$.personId')
	FROM `station_records` r, json_each(r.fields, '$.fields.persons') j
	WHERE r.entity = 'item' AND json_extract(j.value, '$.personId') IS NOT NULL;
--> statement-breakpoint
INSERT OR REPLACE INTO `station_persons` (station_id, id, name, id_number)
	SELECT r.station_id, r.entity_id, coalesce(json_extract(r.fields, '$.fields.name'), ''), json_extract(r.fields, '$.fields.id_number')
	FROM `station_records` r WHERE r.entity = 'person' AND r.deleted = 0;
