import { useState } from 'react';
import type { ArrangementBatch } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { toast } from '../../stores/toasts';
import * as api from './actions';

const num = (s: string) => (s.trim() ? Number(s) : undefined);

/** A new batch: its name and scope (a 门类 and year, or a box-number range); the default steps. */
export function NewBatch({ onCreated }: { onCreated: (b: ArrangementBatch) => void }) {
  const [f, setF] = useState({ name: '', categoryCode: '', year: '', boxFrom: '', boxTo: '' });
  const [error, setError] = useState<string | null>(null);
  const field = (k: keyof typeof f, label: string) => (
    <label>
      {label}
      <input value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} data-testid={`arr-new-${k}`} />
    </label>
  );
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const b = await api.createBatch({
        name: f.name,
        categoryCode: f.categoryCode.trim() || undefined,
        year: num(f.year),
        boxFrom: num(f.boxFrom),
        boxTo: num(f.boxTo),
      });
      toast.success(t('arr.created', { name: b.name }));
      setF({ name: '', categoryCode: '', year: '', boxFrom: '', boxTo: '' });
      onCreated(b);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <form className="arr-form" onSubmit={submit} data-testid="arr-new">
      <h3>{t('arr.new')}</h3>
      {field('name', t('arr.name'))}
      {field('categoryCode', t('arr.category'))}
      {field('year', t('arr.year'))}
      {field('boxFrom', t('arr.boxFrom'))}
      {field('boxTo', t('arr.boxTo'))}
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
      <button type="submit" className="primary" data-testid="arr-new-ok">
        {t('arr.create')}
      </button>
    </form>
  );
}
