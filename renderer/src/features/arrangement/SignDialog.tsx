import { useState } from 'react';
import { SIGN_ROLE_LABELS, type ArrangementBatch, type SignRole, type StepView } from '../../../../electron/contract';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { toast } from '../../stores/toasts';
import * as api from './actions';

/** Signs one step in one capacity: the signer types their own password now (the signature binds it). */
export function SignDialog(props: {
  batch: ArrangementBatch;
  step: StepView;
  role: SignRole;
  onClose: () => void;
  onDone: () => void;
}) {
  const [comment, setComment] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const what = t('arr.signAs', { role: SIGN_ROLE_LABELS[props.role], step: props.step.label });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.signStep({
        batchId: props.batch.id,
        stepId: props.step.id,
        signRole: props.role,
        comment,
        password,
      });
      toast.success(t('arr.signed'));
      props.onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Modal title={what} onClose={props.onClose} testId="arr-sign">
      <form onSubmit={submit} className="arr-form">
        <p>
          {props.batch.name} · {props.batch.scope}
        </p>
        <label>
          {t('arr.comment')}
          <input value={comment} onChange={(e) => setComment(e.target.value)} data-testid="arr-sign-comment" />
        </label>
        <label>
          {t('arr.password')}
          <input
            type="password"
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="arr-sign-password"
          />
        </label>
        {error && (
          <div className="form-error" role="alert" data-testid="arr-sign-error">
            {error}
          </div>
        )}
        <button type="submit" className="primary" data-testid="arr-sign-ok">
          {t('arr.sign')}
        </button>
      </form>
    </Modal>
  );
}
