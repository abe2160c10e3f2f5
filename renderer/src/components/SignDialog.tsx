import { type ReactNode, useState } from 'react';
import { t } from '../i18n/zh-CN';
import { errorMessage } from '../lib/errors';
import { Modal } from './Modal';

/**
 * A signature that means something: the signer types their own password now, and the core
 * binds it to what is signed (electron/core/signature). One dialog for every signature — a
 * loan approval, a destruction list, an opening review, an acceptance step — so each asks the
 * same way. Enter signs; a wrong password is said in the dialog and nothing is signed.
 * Test ids: `<testId>-sign`, `-sign-comment`, `-sign-password`, `-sign-error`, `-sign-ok`.
 */
export function SignDialog(props: {
  title: string;
  /** What is being signed, in a line the signer reads before typing. */
  what: ReactNode;
  /** Asks for a comment too (审批意见, 签名意见) under this label. */
  commentLabel?: string;
  initialComment?: string;
  testId: string;
  children?: ReactNode;
  sign: (password: string, comment: string) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}) {
  const [comment, setComment] = useState(props.initialComment ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = props.testId;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await props.sign(password, comment);
      props.onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal title={props.title} onClose={props.onClose} testId={`${id}-sign`}>
      <form onSubmit={(e) => void submit(e)} className="sign-form">
        <p>{props.what}</p>
        {props.children}
        {props.commentLabel && (
          <label>
            {props.commentLabel}
            <input value={comment} onChange={(e) => setComment(e.target.value)} data-testid={`${id}-sign-comment`} />
          </label>
        )}
        <label>
          {t('sign.password')}
          <input
            type="password"
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid={`${id}-sign-password`}
          />
        </label>
        {error && (
          <div className="form-error" role="alert" data-testid={`${id}-sign-error`}>
            {error}
          </div>
        )}
        <button type="submit" className="primary" data-testid={`${id}-sign-ok`}>
          {t('sign.ok')}
        </button>
      </form>
    </Modal>
  );
}
