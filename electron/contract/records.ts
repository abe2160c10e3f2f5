/**
 * A record's placement and life after filing: 更正归档位置 (a new 档号 in the right
 * 门类/年度/保管期限/机构, the old one kept in the record's 档号 history and searchable),
 * a deleted record's tombstone (who deleted it, when, why) and 撤销删除.
 */
import { z } from 'zod';
import type { ItemView, VolumeView } from './dto';
import { zId, zOrgCode, zRetention, zYear } from './schemas';

const reason = (label: string) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(500, { error: `${label}不能超过500个字` });

/** Where an item should have been filed. In a 按卷 category the volume is the place. */
const itemTarget = {
  categoryId: zId,
  year: zYear,
  retention: zRetention.optional(),
  orgCode: zOrgCode,
  volumeId: zId.nullable().default(null),
};

export const zPlacementPreview = z.object({ id: zId, ...itemTarget });
export const zCorrectPlacement = z.object({
  id: zId,
  expectedVersion: z.number().int().min(1),
  ...itemTarget,
  reason: reason('更正原因'),
});

/** A volume moves within its 门类 (年度/保管期限/机构); its items are re-coded with it. */
export const zVolumePlacementPreview = z.object({
  id: zId,
  year: zYear,
  retention: zRetention.optional(),
  orgCode: zOrgCode,
});
export const zCorrectVolumePlacement = zVolumePlacementPreview.extend({
  expectedVersion: z.number().int().min(1),
  reason: reason('更正原因'),
});

export const zRecordRef = z.object({ id: zId });
export const zCodeHistoryQuery = z.object({ id: zId, entity: z.enum(['item', 'volume']).default('item') });
export const zRestore = z.object({ id: zId, note: z.string().trim().max(500).default('') });

export interface PlacementPreview {
  from: string;
  to: string;
}

export interface CodeHistoryEntry {
  oldCode: string;
  newCode: string;
  reason: string;
  changedBy: string;
  changedAt: string;
}

/** A deleted record's tombstone, for its read-only view. */
export interface DeletionInfo {
  deletedAt: string;
  /** 'Name(username)', or null when the deleting account is unknown here (a synced record). */
  deletedBy: string | null;
  reason: string;
  /** The 档号 it would get back on 撤销删除 (its own, or the next free one when taken). */
  restoreCode: string;
  codeTaken: boolean;
  /** Why 撤销删除 cannot be done now (its volume is deleted, …), or null. */
  restoreBlocked: string | null;
}

export interface RestoreResult {
  item: ItemView;
  /** The 档号 it had when deleted; differs from item.archiveCode when that was taken meanwhile. */
  previousCode: string;
  recoded: boolean;
}

export interface VolumeCorrection {
  volume: VolumeView;
  from: string;
  /** How many of the volume's items were re-coded along with it. */
  items: number;
}
