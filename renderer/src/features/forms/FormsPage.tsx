import { useEffect, useState } from 'react';
import { useFormTemplates } from '../../stores/formTemplates';
import { useTemplateEditor } from '../../stores/templateEditor';
import { SamplePicker } from './SamplePicker';
import { TemplateEditor } from './TemplateEditor';
import { TemplateList } from './TemplateList';
import './templates.css';

/**
 * 表单模板: the station's form templates, and the editor in which a clerk draws a new one
 * on a sample scan or adjusts a copy of an existing one.
 */
export function FormsPage() {
  const load = useFormTemplates((s) => s.load);
  const editing = useTemplateEditor((s) => s.open);
  const session = useTemplateEditor((s) => s.session);
  const openDraft = useTemplateEditor((s) => s.openDraft);
  const [picking, setPicking] = useState<'draw' | 'propose' | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      {editing ? (
        <TemplateEditor key={session} />
      ) : (
        <TemplateList onNew={() => setPicking('draw')} onPropose={() => setPicking('propose')} />
      )}
      {picking && (
        <SamplePicker
          propose={picking === 'propose'}
          onClose={() => setPicking(null)}
          onPicked={(draft) => {
            setPicking(null);
            openDraft(draft);
          }}
        />
      )}
    </>
  );
}
