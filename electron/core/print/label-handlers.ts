/**
 * print.labels, print.labelTest and the label settings: labels read and rendered outside the
 * write lock, their printing audited like any document's; the offsets are this PC's setting
 * (its printer's feed), kept in meta and not sent to the bureau.
 */
import { LABEL_TARGET_NAMES, type LabelSettings, type LabelsResult, zLabelSettings } from '../../contract/labels';
import type { MethodParsed } from '../../contract/methods';
import { appendAudit } from '../audit';
import {
  actorOf,
  type CoreContext,
  getMeta,
  type Handlers,
  inTransaction,
  mutation,
  sessionOf,
  setMeta,
} from '../kernel';
import { labelContents } from './label-data';
import { renderLabels, renderLabelTest } from './label-render';

const SETTINGS_KEY = 'print.label_settings';

export function labelSettings(ctx: CoreContext): LabelSettings {
  const raw = getMeta(ctx, SETTINGS_KEY);
  // A setting written by another version that no longer parses falls back to the defaults.
  const parsed = zLabelSettings.safeParse(raw ? (JSON.parse(raw) as unknown) : {});
  return parsed.success ? parsed.data : zLabelSettings.parse({});
}

const stamp = (d: Date) =>
  [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]
    .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0'))
    .join('');

export async function printLabels(
  env: Parameters<Handlers['print.labels']>[0],
  r: MethodParsed<'print.labels'>,
): Promise<LabelsResult> {
  const s = sessionOf(env);
  const ctx = env.ctx;
  const labels = labelContents(ctx, s.clearance, r);
  const now = ctx.clock.now();
  const pdf = await renderLabels(
    labels,
    { sheet: r.sheet, symbology: r.symbology, start: r.start, settings: labelSettings(ctx) },
    now,
  );
  const what = LABEL_TARGET_NAMES[r.kind];
  const fileName = `${what}标签-${labels.length}张-${stamp(now)}.pdf`;
  const byId = labels.filter((l) => l.byId).length;
  await ctx.lock.run(() =>
    inTransaction(
      ctx,
      () =>
        appendAudit(ctx, actorOf(s), {
          action: 'print.labels',
          entity: r.kind === 'volume' ? 'volume' : 'system',
          entityId: r.volumeIds?.length === 1 ? r.volumeIds[0]! : null,
          summary: `打印${what}标签（${labels.length} 张，${pdf.pages} 页）`,
          details: {
            kind: r.kind,
            sheet: r.sheet,
            symbology: r.symbology,
            start: r.start,
            labels: labels.length,
            pages: pdf.pages,
            byId,
            fileName,
          },
        }),
      { catalogue: false },
    ),
  );
  return {
    fileName,
    base64: Buffer.from(pdf.bytes).toString('base64'),
    pages: pdf.pages,
    labels: labels.length,
    byId,
    missingChars: pdf.missingChars,
  };
}

export const labelHandlers = {
  'print.labels': (env, r) => printLabels(env, r),
  'print.labelTest': async (env, r) => {
    sessionOf(env);
    const pdf = await renderLabelTest(r.sheet, labelSettings(env.ctx), env.ctx.clock.now());
    return {
      fileName: `标签对齐测试页-${r.sheet}.pdf`,
      base64: Buffer.from(pdf.bytes).toString('base64'),
      pages: 1,
      labels: 0,
      byId: 0,
      missingChars: [],
    };
  },
  'print.labelSettings': (env) => {
    sessionOf(env);
    return labelSettings(env.ctx);
  },
  'print.saveLabelSettings': (env, input) =>
    mutation(env, (ctx, _s, actor) => {
      const before = labelSettings(ctx);
      setMeta(ctx, SETTINGS_KEY, JSON.stringify(input));
      const o = input.offsets;
      appendAudit(ctx, actor, {
        action: 'print.labelSettings',
        entity: 'system',
        summary: `标签偏移：3×8 (${o['3x8'].x}, ${o['3x8'].y})，2×5 (${o['2x5'].x}, ${o['2x5'].y})，卷筒 (${o.roll.x}, ${o.roll.y}) 毫米；卷筒 ${input.roll.width}×${input.roll.height} 毫米`,
        details: { before, after: input },
      });
      return input;
    }),
} satisfies Partial<Handlers>;
