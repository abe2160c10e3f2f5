/**
 * The checks the clerk sees while editing, in Chinese, beside the control at fault. They
 * mirror zFormTemplate (contract/forms.ts) so a template that passes here saves; the
 * server still checks it again and has the last word.
 */
import type { TemplateSummary } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { titlesOf, type Meta, type Zone } from './model';

export type MetaPart = 'id' | 'name' | 'titles' | 'itemTitle' | 'zones';
export type ZonePart = 'key' | 'label' | 'enumOf' | 'box';

export interface Issues {
  meta: Partial<Record<MetaPart, string>>;
  zones: Map<number, Partial<Record<ZonePart, string>>>;
  count: number;
}

const ID = /^[a-z][a-z0-9-]{1,40}$/;
const KEY = /^[A-Za-z][A-Za-z0-9_.]{0,40}$/;
/** A hundredth of a millimetre of slack for rounding, as the schema allows. */
const SLACK = 0.01;

/**
 * `others` are the templates already there; `ownId` is the id this editor saves over
 * (an edit), which is of course not "taken".
 */
export function validate(
  meta: Meta,
  zones: readonly Zone[],
  others: readonly TemplateSummary[],
  ownId: string | null,
): Issues {
  const m: Issues['meta'] = {};
  const id = meta.id.trim();
  if (!ID.test(id)) m.id = t('forms.err.idFormat');
  else if (id !== ownId) {
    const taken = others.find((o) => o.id === id);
    if (taken) m.id = t('forms.err.idTaken', { id, name: taken.name });
  }
  const name = meta.name.trim();
  if (!name || name.length > 40) m.name = t('forms.err.name');
  const titles = titlesOf(meta.titles);
  const badTitle = titles.find((x) => [...x].length < 2 || [...x].length > 40);
  if (titles.length === 0) m.titles = t('forms.err.titles');
  else if (badTitle) m.titles = t('forms.err.titleLength', { title: badTitle });
  if (meta.itemTitle.trim().length > 80) m.itemTitle = t('forms.err.itemTitle');
  if (zones.length === 0) m.zones = t('forms.err.noZones');
  else if (zones.length > 200) m.zones = t('forms.err.tooMany');

  const z = new Map<number, Partial<Record<ZonePart, string>>>();
  const seen = new Set<string>();
  for (const zone of zones) {
    const e: Partial<Record<ZonePart, string>> = {};
    const key = zone.key.trim();
    if (!KEY.test(key)) e.key = t('forms.err.keyFormat');
    // The later zone with a key already used is the one marked; the first keeps it.
    else if (seen.has(key)) e.key = t('forms.err.keyDup', { key });
    seen.add(key);
    const label = zone.label.trim();
    if (!label || label.length > 40) e.label = t('forms.err.label');
    if (zone.kind === 'enum' && !zone.enumOf) e.enumOf = t('forms.err.enumOf');
    const b = zone.box;
    if (!(b.w > 0 && b.h > 0)) e.box = t('forms.err.size');
    else if (b.x < 0 || b.y < 0 || b.x + b.w > meta.page.w + SLACK || b.y + b.h > meta.page.h + SLACK)
      e.box = t('forms.err.outside');
    if (Object.keys(e).length) z.set(zone.uid, e);
  }
  const count = Object.keys(m).length + [...z.values()].reduce((n, e) => n + Object.keys(e).length, 0);
  return { meta: m, zones: z, count };
}

/**
 * The server's VALIDATION_FAILED details (`template.fields.2.key` → message) laid onto the
 * same shape, so its verdict shows where the editor's own would.
 */
export function serverIssues(byPath: Record<string, string>, zones: readonly Zone[]): Issues {
  const out: Issues = { meta: {}, zones: new Map(), count: 0 };
  for (const [path, message] of Object.entries(byPath)) {
    const parts = path.replace(/^template\./, '').split('.');
    if (parts[0] === 'fields' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
      const zone = zones[Number(parts[1])];
      const part = (['key', 'label', 'enumOf'] as const).find((p) => p === parts[2]) ?? 'box';
      if (!zone) continue;
      out.zones.set(zone.uid, { ...out.zones.get(zone.uid), [part]: message });
    } else {
      const part: MetaPart =
        parts[0] === 'id' || parts[0] === 'name' || parts[0] === 'titles' || parts[0] === 'itemTitle'
          ? parts[0]
          : 'zones';
      out.meta[part] ??= message;
    }
    out.count++;
  }
  return out;
}
