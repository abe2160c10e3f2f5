import { useEffect, useState } from 'react';
import type { CatalogueScope, RenumberPlan } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { renumber } from './actions';
import { Modal } from '../../components/Modal';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { toast } from '../../stores/toasts';

const SHOW = 500;

/** Plans a renumbering (apply:false), shows from → to, applies only after confirmation. */
export function RenumberDialog({
  scope,
  onClose,
  onApplied,
}: {
  scope: CatalogueScope;
  onClose: () => void;
  onApplied: () => void;
}) {
  const [plan, setPlan] = useState<RenumberPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let alive = true;
    renumber({ scope, apply: false })
      .then((p) => alive && setPlan(p))
      .catch((err: unknown) => alive && setError(errorMessage(err)));
    return () => {
      alive = false;
    };
  }, [scope]);

  const apply = async () => {
    setBusy(true);
    try {
      const res = await renumber({ scope, apply: true });
      toast.success(t('cat.renumberDone', { n: res.changes.length }));
      onApplied();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const changes = plan?.changes ?? [];
  return (
    <Modal
      title={t('cat.renumberTitle')}
      onClose={onClose}
      wide
      testId="renumber-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          {changes.length > 0 && (
            <button
              type="button"
              className="btn-danger"
              disabled={busy}
              onClick={() => void apply()}
              data-testid="renumber-apply"
            >
              {t('cat.renumberApply')}
            </button>
          )}
        </>
      }
    >
      {!plan && !error && <div className="muted">{t('common.loading')}</div>}
      {plan && changes.length === 0 && <div className="form-notice">{t('cat.renumberNone')}</div>}
      {changes.length > 0 && (
        <>
          <p>{t('cat.renumberPlan', { n: changes.length })}</p>
          <div className="table-scroll">
            <table className="table" data-testid="renumber-plan">
              <thead>
                <tr>
                  <th>{t('cat.from')}</th>
                  <th aria-hidden="true" />
                  <th>{t('cat.to')}</th>
                </tr>
              </thead>
              <tbody>
                {changes.slice(0, SHOW).map((c) => (
                  <tr key={c.id}>
                    <td className="mono">{c.from}</td>
                    <td aria-hidden="true">→</td>
                    <td className="mono">{c.to}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {changes.length > SHOW && <p className="muted">{t('cat.renumberMore', { n: changes.length - SHOW })}</p>}
        </>
      )}
      <FormError message={error} />
    </Modal>
  );
}
