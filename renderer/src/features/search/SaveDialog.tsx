import { useState } from 'react';
import { saveSearch } from './actions';
import { Field } from '../../components/Field';
import { FormModal } from '../../components/FormModal';
import { useFormErrors } from '../../lib/useFormErrors';
import { useScheme } from '../../stores/scheme';
import { toast } from '../../stores/toasts';
import { describeSearch } from './query';
import { useSearch } from './store';
import { t } from '../../i18n/zh-CN';

/** Names the current query and filters and saves them for this user. */
export function SaveDialog({ onClose }: { onClose: () => void }) {
  const q = useSearch((s) => s.q);
  const filters = useSearch((s) => s.filters);
  const loadLists = useSearch((s) => s.loadLists);
  const categories = useScheme((s) => s.categories);
  const [name, setName] = useState(() => q.trim().slice(0, 40));
  const [busy, setBusy] = useState(false);
  const { errors, formError, fail } = useFormErrors();

  const save = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const saved = await saveSearch({ name, q, filters });
      toast.success(t('search.save.done', { name: saved.name }));
      await loadLists();
      onClose();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormModal
      title={t('search.save.title')}
      onClose={onClose}
      onSave={save}
      busy={busy}
      testId="save-search-dialog"
      saveTestId="save-search-ok"
      error={formError}
    >
      <Field id="save-search-name" label={t('search.save.name')} error={errors.name} required>
        <input id="save-search-name" autoFocus value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
      </Field>
      <dl className="props search-save-props">
        <dt>{t('search.save.query')}</dt>
        <dd>{describeSearch(q, filters, categories)}</dd>
      </dl>
    </FormModal>
  );
}
