/**
 * What a label's barcode carries, and how a scan is read back. One format for every label
 * printer, photo decoder and keyboard-wedge scanner, so a stock-take reads what labels print.
 *
 * A payload is a kind prefix and the record's code: `P/` 库位, `B/` 档案盒, `V/` 案卷, `I/` 件.
 * Payloads are ASCII because a USB scanner "types" them through the keyboard layout, where
 * anything else comes out garbled: the 档号's middle dot (·) travels as '.', and a code with
 * other non-ASCII characters travels as the record id instead (`V#<id>`).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { boxes, items, places, volumes } from '../../../db/schema';
import type { CoreContext } from '../kernel';

export const LABEL_KINDS = ['place', 'box', 'volume', 'item'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

const PREFIX: Record<LabelKind, string> = { place: 'P', box: 'B', volume: 'V', item: 'I' };
const KIND_OF: Record<string, LabelKind> = { P: 'place', B: 'box', V: 'volume', I: 'item' };
const MIDDLE_DOT = '·';
const ASCII_PRINTABLE = /^[\x20-\x7e]+$/;

/** The barcode text of a record's label: by code when it can travel as ASCII, else by id. */
export function labelPayload(kind: LabelKind, code: string, id: string): string {
  const ascii = code.split(MIDDLE_DOT).join('.');
  return ASCII_PRINTABLE.test(ascii) ? `${PREFIX[kind]}/${ascii}` : `${PREFIX[kind]}#${id}`;
}

export interface ParsedLabel {
  kind: LabelKind;
  /** The code as printed ('.' not yet turned back into '·'), or the id after '#'. */
  key: string;
  byId: boolean;
}

/** Reads a scanned text; null when it is not one of our labels. Tolerates the wedge's stray spaces. */
export function parseLabel(text: string): ParsedLabel | null {
  const t = text.trim();
  const m = /^([PBVI])([/#])(.+)$/i.exec(t);
  if (!m) return null;
  const kind = KIND_OF[m[1]!.toUpperCase()]!;
  return { kind, key: m[3]!.trim(), byId: m[2] === '#' };
}

export interface ResolvedLabel {
  kind: LabelKind;
  id: string;
  code: string;
}

/** The live record a scanned label names, or null (unknown label, deleted record, foreign text). */
export function resolveLabel(ctx: CoreContext, text: string): ResolvedLabel | null {
  const parsed = parseLabel(text);
  if (!parsed) return null;
  const { kind, key, byId } = parsed;
  const candidates = byId ? [key] : [key.split('.').join(MIDDLE_DOT), key].filter((v, i, a) => a.indexOf(v) === i);
  for (const value of candidates) {
    const hit = lookup(ctx, kind, value, byId);
    if (hit) return { kind, ...hit };
  }
  return null;
}

function lookup(ctx: CoreContext, kind: LabelKind, value: string, byId: boolean) {
  const o = ctx.orm;
  switch (kind) {
    case 'place':
      return o
        .select({ id: places.id, code: places.code })
        .from(places)
        .where(and(eq(byId ? places.id : places.code, value), isNull(places.deletedAt)))
        .get();
    case 'box':
      return o
        .select({ id: boxes.id, code: boxes.code })
        .from(boxes)
        .where(and(eq(byId ? boxes.id : boxes.code, value), isNull(boxes.deletedAt)))
        .get();
    case 'volume':
      return o
        .select({ id: volumes.id, code: volumes.archiveCode })
        .from(volumes)
        .where(and(eq(byId ? volumes.id : volumes.archiveCode, value), isNull(volumes.deletedAt)))
        .get();
    case 'item':
      return o
        .select({ id: items.id, code: items.archiveCode })
        .from(items)
        .where(and(eq(byId ? items.id : items.archiveCode, value), isNull(items.deletedAt)))
        .get();
  }
}
