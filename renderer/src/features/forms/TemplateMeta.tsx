import { CategorySelect } from '../../components/CategorySelect';
import { Field } from '../../components/Field';
import { t } from '../../i18n/zh-CN';
import { useTemplateEditor } from '../../stores/templateEditor';
import type { Issues } from './validate';

/** The template's own details: name, id, the printed titles detection looks for, the item title. */
export function TemplateMeta({ issues, readOnly }: { issues: Issues; readOnly: boolean }) {
  const meta = useTemplateEditor((s) => s.meta);
  const setMeta = useTemplateEditor((s) => s.setMeta);
  const categoryId = useTemplateEditor((s) => s.categoryId);
  const setCategory = useTemplateEditor((s) => s.setCategory);
  const e = issues.meta;
  return (
    <section className="tpl-section tpl-meta" aria-labelledby="tpl-meta-title">
      <h2 id="tpl-meta-title" className="panel-heading">
        {t('forms.meta.title')}
      </h2>
      <Field id="tpl-name" label={t('forms.meta.name')} required error={e.name}>
        <input
          id="tpl-name"
          value={meta.name}
          maxLength={40}
          disabled={readOnly}
          onChange={(ev) => setMeta({ name: ev.target.value })}
        />
      </Field>
      <Field id="tpl-id" label={t('forms.meta.id')} required error={e.id} hint={t('forms.meta.idHint')}>
        <input
          id="tpl-id"
          className="mono"
          value={meta.id}
          maxLength={41}
          disabled={readOnly}
          spellCheck={false}
          onChange={(ev) => setMeta({ id: ev.target.value })}
        />
      </Field>
      <Field id="tpl-titles" label={t('forms.meta.titles')} required error={e.titles} hint={t('forms.meta.titlesHint')}>
        <textarea
          id="tpl-titles"
          rows={2}
          value={meta.titles}
          disabled={readOnly}
          onChange={(ev) => setMeta({ titles: ev.target.value })}
        />
      </Field>
      <Field
        id="tpl-item-title"
        label={t('forms.meta.itemTitle')}
        error={e.itemTitle}
        hint={t('forms.meta.itemTitleHint')}
      >
        <input
          id="tpl-item-title"
          value={meta.itemTitle}
          maxLength={80}
          disabled={readOnly}
          onChange={(ev) => setMeta({ itemTitle: ev.target.value })}
        />
      </Field>
      <Field id="tpl-category" label={t('forms.meta.category')} hint={t('forms.meta.categoryHint')}>
        <CategorySelect id="tpl-category" value={categoryId} disabled={readOnly} onChange={setCategory} />
      </Field>
    </section>
  );
}
