/**
 * The verification screen's side: pages waiting for a clerk, each field with its crop
 * box and checks, and accepting them. Accepted values fill the item (its columns, its
 * category's fields and its persons) through the catalogue's own update, so they get the
 * same validation, audit and change log as typing them in.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { pageFields, pages } from '../../../db/schema/scan';
import type { FieldKind } from '../../contract/forms';
import type { FieldView, VerifyView } from '../../contract/scan';
import { schemas } from '../../contract';
import { appendAudit } from '../audit';
import { resolveClass, loadItem, updateItem, toItemView } from '../catalogue';
import { type CoreContext, AppError, mutation, sessionOf, type Handlers } from '../kernel';
import { findTemplate, checkField } from '../forms';
import { ocrWordsOf } from './page-handlers';
import { loadPage, selectPages, toPageView, visiblePages, type OwnedPage } from './pages';

/**
 * By confidence, lowest first, so the clerk's eye goes where it is needed: the fields not
 * found on the page (未识别, no confidence) first of all, then failed checks (an empty
 * required field among them), then the rest from least to most sure (a zone read empty is 0).
 */
export function fieldsOf(ctx: CoreContext, pageId: string): FieldView[] {
  const rows = ctx.orm
    .select({
      key: pageFields.key,
      label: pageFields.label,
      kind: pageFields.kind,
      raw: pageFields.raw,
      value: pageFields.value,
      confidence: pageFields.confidence,
      valid: pageFields.valid,
      issue: pageFields.issue,
      required: pageFields.required,
      bbox: pageFields.bbox,
      status: pageFields.status,
      accepted: pageFields.accepted,
    })
    .from(pageFields)
    .where(eq(pageFields.pageId, pageId))
    .all();
  return (
    rows
      .map((r) => ({
        ...r,
        // Written from a template field's kind (commit.ts); the column is plain text.
        kind: r.kind as FieldKind,
        valid: r.valid === 1,
        required: r.required === 1,
        // Read as empty: stored with confidence 0 (migration 0007 set older rows so too).
        empty: !r.raw.trim() && !r.value.trim(),
        bbox: JSON.parse(r.bbox) as FieldView['bbox'],
      }))
      // A field read by its label but not found has no place on the page (ocr-commit.ts): no confidence.
      .map((f) => ({ ...f, confidence: f.bbox.w === 0 || f.bbox.h === 0 ? null : f.confidence }))
      .sort(
        (a, b) =>
          Number(a.confidence !== null) - Number(b.confidence !== null) ||
          Number(a.valid) - Number(b.valid) ||
          (a.confidence ?? 0) - (b.confidence ?? 0),
      )
  );
}

function viewOf(ctx: CoreContext, p: OwnedPage, clearance: number): VerifyView {
  const t = p.templateId ? findTemplate(ctx, p.templateId) : null;
  const item = p.itemId ? loadItem(ctx, p.itemId, clearance) : null;
  const words = ocrWordsOf(ctx, p.id);
  const others = words?.otherPersons?.filter((fs) => fs.length);
  return {
    page: toPageView(p),
    template: t ? { id: t.id, name: t.name } : null,
    fields: fieldsOf(ctx, p.id),
    text: words?.text ?? '',
    item: item ? { id: item.id, archiveCode: item.archiveCode, title: item.title } : null,
    ...(others?.length ? { otherPersons: others } : {}),
  };
}

export const verifyHandlers = {
  'verify.queue': (env, { limit }) => {
    const s = sessionOf(env);
    const waiting = selectPages(env.ctx)
      .where(visiblePages(s.clearance, eq(pages.verifyStatus, 'pending')))
      .orderBy(asc(pages.createdAt), asc(pages.seq))
      .limit(limit)
      .all();
    // The fields' own confidence, not the page text's: an empty zone counts as flagged, never as sure.
    const f = pageFields;
    const stats = new Map(
      env.ctx.orm
        .select({
          pageId: f.pageId,
          worst: sql<
            number | null
          >`min(CASE WHEN trim(${f.raw}) <> '' OR trim(${f.value}) <> '' THEN ${f.confidence} END)`,
          flagged: sql<number>`sum(${f.valid} = 0)`.mapWith(Number),
        })
        .from(f)
        .where(
          inArray(
            f.pageId,
            waiting.map((p) => p.id),
          ),
        )
        .groupBy(f.pageId)
        .all()
        .map((r) => [r.pageId, r]),
    );
    return waiting.map((p) => ({
      ...toPageView(p),
      worstConfidence: stats.get(p.id)?.worst ?? null,
      flagged: stats.get(p.id)?.flagged ?? 0,
    }));
  },

  'verify.get': (env, { id }) => {
    const s = sessionOf(env);
    return viewOf(env.ctx, loadPage(env.ctx, id, s.clearance), s.clearance);
  },

  'verify.accept': (env, { pageId, values, partial }) =>
    mutation(env, (ctx, s, actor) => {
      const p = loadPage(ctx, pageId, s.clearance);
      if (!p.templateId) throw new AppError('VALIDATION_FAILED', '该页没有识别出表单，无需核对字段');
      const t = findTemplate(ctx, p.templateId);
      // A page read by its labels may hold fields of the form's dictionary the template lacks.
      const onPage = new Map(
        ctx.orm
          .select({ key: pageFields.key, kind: pageFields.kind, label: pageFields.label })
          .from(pageFields)
          .where(eq(pageFields.pageId, pageId))
          .all()
          .map((r) => [r.key, { kind: r.kind as FieldKind, label: r.label }] as const),
      );
      const fields = [
        ...t.fields,
        ...(partial ? [...onPage].filter(([k]) => !t.fields.some((f) => f.key === k)) : []).map(([key, r]) => ({
          key,
          ...r,
          enumOf: undefined,
        })),
      ];
      const stray = Object.keys(values).filter((k) => !fields.some((f) => f.key === k));
      if (partial && stray.length) throw new AppError('VALIDATION_FAILED', `表单中没有字段“${stray.join('、')}”`);
      // What an earlier partial accept kept: with this one, it may complete the page.
      const before = new Map(
        ctx.orm
          .select({ key: pageFields.key, accepted: pageFields.accepted })
          .from(pageFields)
          .where(and(eq(pageFields.pageId, pageId), eq(pageFields.status, 'accepted')))
          .all()
          .map((r) => [r.key, r.accepted ?? ''] as const),
      );
      const given = new Map<string, string>();
      const problems: string[] = [];
      for (const f of fields) {
        const v = values[f.key];
        if (v === undefined) {
          if (partial) continue;
          throw new AppError('VALIDATION_FAILED', `缺少字段“${f.label}”的值`);
        }
        const c = checkField(f.kind, v, { enumOf: f.enumOf });
        // The clerk has the last word, except that a value which cannot be stored is refused.
        if (!c.valid && v.trim() && (f.kind === 'idNumber' || f.kind === 'date'))
          problems.push(`${f.label}：${c.issue}`);
        given.set(f.key, c.valid ? c.value : v.trim());
      }
      if (partial && given.size === 0) throw new AppError('VALIDATION_FAILED', '没有要确认的字段');
      if (problems.length)
        throw new AppError(
          'VALIDATION_FAILED',
          problems.join('；'),
          problems.map((m) => ({ message: m })),
        );
      for (const [k, v] of given)
        ctx.orm
          .update(pageFields)
          .set({ status: 'accepted', accepted: v, acceptedBy: actor.id, acceptedAt: ctx.nowIso() })
          .where(and(eq(pageFields.pageId, pageId), eq(pageFields.key, k)))
          .run();
      const final = new Map(t.fields.map((f) => [f.key, given.get(f.key) ?? before.get(f.key)] as const));
      const complete = [...final.values()].every((v) => v !== undefined);
      if (complete) {
        ctx.orm
          .update(pages)
          .set({ verifyStatus: 'verified', version: sql`${pages.version} + 1`, updatedAt: ctx.nowIso() })
          .where(eq(pages.id, pageId))
          .run();
        if (p.itemId) fillItem(ctx, s, actor, p.itemId, t, final as Map<string, string>);
      }
      appendAudit(ctx, actor, {
        action: 'page.verify',
        entity: 'page',
        entityId: pageId,
        summary: complete
          ? `核对表单“${t.name}”第 ${p.seq} 页：${final.size} 项`
          : `确认表单“${t.name}”第 ${p.seq} 页的 ${given.size} 项，其余待核对`,
        details: { values: Object.fromEntries(given), complete },
      });
      return viewOf(ctx, loadPage(ctx, pageId, s.clearance), s.clearance);
    }),
} satisfies Partial<Handlers>;

type Session = Parameters<typeof updateItem>[1];
type Actor = Parameters<typeof updateItem>[3];

function fillItem(
  ctx: CoreContext,
  s: Session,
  actor: Actor,
  itemId: string,
  t: ReturnType<typeof findTemplate>,
  values: Map<string, string>,
): void {
  const item = toItemView(ctx, loadItem(ctx, itemId, s.clearance, false));
  const cls = resolveClass(ctx, {
    categoryId: item.categoryId,
    year: item.year,
    retention: item.retention,
    orgCode: item.orgCode,
    volumeId: item.volumeId,
  });
  const known = new Set(cls.category.effectiveFields.map((f) => f.key));
  const next = { ...item, extra: { ...item.extra } };
  const person: { name: string; idNumber: string | null } = { name: '', idNumber: null };
  for (const f of t.fields) {
    const v = values.get(f.key) ?? '';
    if (!f.target || !v) continue;
    if (f.target === 'item.title') next.title = v;
    else if (f.target === 'item.date') next.date = v;
    else if (f.target === 'item.docNumber') next.docNumber = v;
    else if (f.target === 'item.author') next.author = v;
    else if (f.target === 'person.name') person.name = v;
    else if (f.target === 'person.idNumber') person.idNumber = v;
    else if (f.target.startsWith('extra.') && known.has(f.target.slice(6))) next.extra[f.target.slice(6)] = v;
  }
  if (t.itemTitle && (!item.title || item.title === '待著录'))
    next.title = t.itemTitle.replace(/\{(\w+)\}/g, (_, k: string) => values.get(k) ?? '');
  if (person.name) {
    const others = item.persons.filter(
      (x) => x.name !== person.name && (!person.idNumber || x.idNumber !== person.idNumber),
    );
    next.persons = [{ name: person.name, idNumber: person.idNumber }, ...others];
  }
  const input = schemas.zUpdateItem.parse({
    id: item.id,
    expectedVersion: item.version,
    title: next.title,
    author: next.author,
    docNumber: next.docNumber,
    date: next.date,
    pageCount: next.pageCount,
    securityLevel: next.securityLevel,
    remarks: next.remarks,
    extra: next.extra,
    persons: next.persons.map((x) => ({ name: x.name, idNumber: x.idNumber })),
  });
  updateItem(ctx, s, input, actor);
}
