/**
 * The template editor opened on a proposal (forms.templates.proposeFromPage): its zones
 * come pre-placed from the page's label/value pairs, unsaved until the clerk saves, and
 * the template the editor would save carries them as proposed (label, kind, box).
 */
import { describe, expect, it } from 'vitest';
import type { TemplateProposal } from '../../electron/contract';
import { useTemplateEditor } from '../../renderer/src/stores/templateEditor';
import { toTemplate } from '../../renderer/src/features/forms/model';

const proposal: TemplateProposal = {
  pageId: 'p1',
  dpi: 200,
  size: { width: 1654, height: 1063 },
  page: { w: 210, h: 135 },
  frame: { x: 15, y: 45, w: 180, h: 60 },
  titles: ['来访人员登记表'],
  fields: [
    { key: 'name', label: '姓名', kind: 'name', box: { x: 46, y: 48, w: 15, h: 6 } },
    { key: 'field1', label: '接待人', kind: 'name', box: { x: 46, y: 96, w: 42, h: 6 } },
  ],
  values: { name: '周建国', field1: '' },
  notes: ['1 个标签旁未找到值（未识别）'],
};

describe('the editor on a proposed template', () => {
  it('opens with one zone per pair, pre-placed and unsaved', () => {
    useTemplateEditor.getState().openDraft(proposal);
    const s = useTemplateEditor.getState();
    expect(s.mode).toBe('new');
    expect(s.dirty).toBe(true);
    expect(s.zones.map((z) => [z.key, z.label, z.kind, z.box])).toEqual(
      proposal.fields.map((f) => [f.key, f.label, f.kind, f.box]),
    );
    expect(s.meta.name).toBe('来访人员登记表');
    const saved = toTemplate({ ...s.meta, id: 'visitor-register' }, s.zones);
    expect(saved.fields).toEqual(proposal.fields);
  });

  it('opens a plain draft with no zones, as before', () => {
    const { fields: _f, values: _v, notes: _n, ...draft } = proposal;
    useTemplateEditor.getState().openDraft(draft);
    expect(useTemplateEditor.getState()).toMatchObject({ zones: [], dirty: false });
  });
});
