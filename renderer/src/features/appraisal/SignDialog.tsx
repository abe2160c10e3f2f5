import { useState } from 'react';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';

/** Asks for the signer's own password (a signature bound to this moment) and runs `sign` with it. */
export function SignDialog(props: {
  title: string;
  what: string;
  children?: React.ReactNode;
  sign: (password: string) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await props.sign(password);
      props.onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Modal title={props.title} onClose={props.onClose} testId="appraisal-sign">
      <form onSubmit={submit} className="apr-sign">
        <p>{props.what}</p>
        {props.children}
        <label>
          {t('appraisal.password')}
          <input
            type="password"
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="appraisal-password"
          />
        </label>
        {error && (
          <div className="form-error" role="alert" data-testid="appraisal-sign-error">
            {error}
          </div>
        )}
        <button type="submit" className="primary" data-testid="appraisal-sign-ok">
          {t('appraisal.sign')}
        </button>
      </form>
    </Modal>
  );
}
