/**
 * The form-template editor's working state: the template being edited, its zones, the
 * selected zone and the sample scan behind them. Nothing reaches the server until saved.
 */
import { defineStore } from './define';
import type { Box, FormTemplate, TemplateDraft, TemplateProposal, TemplateSummary } from '../../../electron/contract';
import { copyId, metaOf, metaOfDraft, newUid, nextKey, zoneOf, type Meta, type Zone } from '../features/forms/model';

/** new: from a sample; edit: saves over the template; copy: saves under a new id; view: read only. */
export type EditorMode = 'new' | 'edit' | 'copy' | 'view';

export interface EditorSession {
  mode: EditorMode;
  /** The template this editor saves over (edit), or was opened from (copy, view). */
  originalId: string | null;
  originalName: string;
  builtIn: boolean;
}

interface EditorState extends EditorSession {
  /** Bumped on every open, so screens reset their local state. */
  session: number;
  open: boolean;
  meta: Meta;
  zones: Zone[];
  selected: number | null;
  sample: TemplateDraft | TemplateProposal | null;
  categoryId: string;
  dirty: boolean;

  /** A new template on a sample; a proposal (forms.templates.proposeFromPage) brings its zones pre-placed. */
  openDraft: (draft: TemplateDraft | TemplateProposal) => void;
  openTemplate: (t: FormTemplate, mode: EditorMode, builtIn: boolean, others: readonly TemplateSummary[]) => void;
  close: () => void;
  setSample: (draft: TemplateDraft) => void;
  setMeta: (patch: Partial<Meta>) => void;
  setCategory: (id: string) => void;
  addZone: (box: Box) => number;
  patchZone: (uid: number, patch: Partial<Omit<Zone, 'uid'>>) => void;
  /** Removes a zone and selects its neighbour; returns the neighbour's uid. */
  removeZone: (uid: number) => number | null;
  select: (uid: number | null) => void;
  markSaved: (saved: FormTemplate) => void;
}

const EMPTY_META: Meta = {
  id: '',
  name: '',
  version: 1,
  titles: '',
  itemTitle: '',
  page: { w: 210, h: 297 },
  frame: null,
  labels: [],
};

export const useTemplateEditor = defineStore<EditorState>(
  'templateEditor',
  (set, get) => ({
    mode: 'new',
    originalId: null,
    originalName: '',
    builtIn: false,
    session: 0,
    open: false,
    meta: EMPTY_META,
    zones: [],
    selected: null,
    sample: null,
    categoryId: '',
    dirty: false,

    openDraft: (draft) =>
      set((s) => ({
        mode: 'new',
        originalId: null,
        originalName: '',
        builtIn: false,
        session: s.session + 1,
        open: true,
        meta: metaOfDraft(draft),
        zones: 'fields' in draft ? draft.fields.map(zoneOf) : [],
        selected: null,
        sample: draft,
        // Proposed zones are the clerk's to confirm: leaving without saving asks first.
        dirty: 'fields' in draft && draft.fields.length > 0,
      })),

    openTemplate: (tpl, mode, builtIn, others) => {
      const meta = metaOf(tpl);
      if (mode === 'copy') {
        meta.id = copyId(tpl.id, new Set(others.map((o) => o.id)));
        meta.name = `${tpl.name}（副本）`.slice(0, 40);
        meta.version = 1;
      }
      set((s) => ({
        mode,
        originalId: tpl.id,
        originalName: tpl.name,
        builtIn,
        session: s.session + 1,
        open: true,
        meta,
        zones: tpl.fields.map(zoneOf),
        selected: null,
        sample: null,
        dirty: mode === 'copy',
      }));
    },

    close: () => set({ open: false, sample: null, zones: [], selected: null, dirty: false }),
    setSample: (sample) => set({ sample }),
    setMeta: (patch) => set((s) => ({ meta: { ...s.meta, ...patch }, dirty: true })),
    setCategory: (categoryId) => set({ categoryId }),

    addZone: (box) => {
      const uid = newUid();
      const zone: Zone = {
        uid,
        key: nextKey(get().zones),
        label: '',
        kind: 'text',
        enumOf: '',
        required: false,
        target: '',
        box,
      };
      set((s) => ({ zones: [...s.zones, zone], selected: uid, dirty: true }));
      return uid;
    },

    patchZone: (uid, patch) =>
      set((s) => ({ zones: s.zones.map((z) => (z.uid === uid ? { ...z, ...patch } : z)), dirty: true })),

    removeZone: (uid) => {
      const zones = get().zones;
      const at = zones.findIndex((z) => z.uid === uid);
      if (at < 0) return get().selected;
      const rest = zones.filter((z) => z.uid !== uid);
      const next = rest[Math.min(at, rest.length - 1)]?.uid ?? null;
      set({ zones: rest, selected: next, dirty: true });
      return next;
    },

    select: (selected) => set({ selected }),

    markSaved: (saved) =>
      set({
        mode: 'edit',
        originalId: saved.id,
        originalName: saved.name,
        builtIn: false,
        meta: metaOf(saved),
        dirty: false,
      }),
  }),
  // `session` only ever grows: a screen still open sees a new editor session, not an old number.
  { reset: (api, initial) => api.setState({ ...initial, session: api.getState().session + 1 }, true) },
);
