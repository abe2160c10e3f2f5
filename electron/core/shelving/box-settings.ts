/**
 * The station's boxing rule (pages per millimetre of spine, pages of a record nobody counted,
 * records per box): kept in meta, read by every proposal that does not say otherwise.
 */
import { type BoxingSettings, DEFAULT_BOXING_SETTINGS, zBoxingSettings } from '../../contract/boxes';
import { appendAudit } from '../audit';
import { type Actor, type CoreContext, getMeta, recordChange, setMeta } from '../kernel';

const KEY = 'boxing.settings';

export function boxingSettings(ctx: CoreContext): BoxingSettings {
  const raw = getMeta(ctx, KEY);
  if (!raw) return DEFAULT_BOXING_SETTINGS;
  // A value written by an older or newer version falls back to the defaults field by field.
  const parsed = zBoxingSettings.partial().safeParse(JSON.parse(raw));
  return { ...DEFAULT_BOXING_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

/** Must run inside the caller's transaction. */
export function saveBoxingSettings(ctx: CoreContext, actor: Actor, input: BoxingSettings): BoxingSettings {
  const before = boxingSettings(ctx);
  setMeta(ctx, KEY, JSON.stringify(input));
  recordChange(ctx, 'setting', KEY, 1, 'update');
  appendAudit(ctx, actor, {
    action: 'box.settings',
    entity: 'box',
    summary: `装盒规则：每毫米 ${input.pagesPerMm} 页，未填页数按 ${input.recordPages} 页计，每盒最多 ${input.maxCount} 件`,
    details: { before, after: input },
  });
  return input;
}
