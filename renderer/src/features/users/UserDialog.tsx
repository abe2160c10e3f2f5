import { useState } from 'react';
import {
  ROLES,
  ROLE_LABELS,
  SECURITY_LEVELS,
  type Role,
  type SecurityLevel,
  type UserView,
} from '../../../../electron/contract';
import { call, errorMessage, fieldErrors } from '../../api/client';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { handleFormKeys } from '../../lib/formNav';
import { securityLabel } from '../../lib/format';
import { toast } from '../../stores/toasts';

export type UserDialogMode =
  { kind: 'create' } | { kind: 'edit'; user: UserView } | { kind: 'password'; user: UserView };

export function UserDialog({
  mode,
  onClose,
  onSaved,
}: {
  mode: UserDialogMode;
  onClose: () => void;
  onSaved: () => void;
}) {
  const user = mode.kind === 'create' ? null : mode.user;
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'clerk');
  const [clearance, setClearance] = useState<SecurityLevel>(user?.clearance ?? 0);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (busy) return;
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      if (mode.kind === 'create') {
        const u = await call('users.create', { username, displayName, role, clearance, password });
        toast.success(t('users.created', { name: u.displayName }));
      } else if (mode.kind === 'edit') {
        const u = await call('users.update', { id: mode.user.id, displayName, role, clearance });
        toast.success(t('users.updated', { name: u.displayName }));
      } else {
        await call('users.update', { id: mode.user.id, resetPassword: password });
        toast.success(t('users.passwordReset', { name: mode.user.displayName }));
      }
      onSaved();
      onClose();
    } catch (err) {
      const fe = fieldErrors(err);
      if (fe.resetPassword) fe.password = fe.resetPassword;
      setErrors(fe);
      if (Object.keys(fe).length === 0) setFormError(errorMessage(err));
      setBusy(false);
    }
  };

  const title =
    mode.kind === 'create' ? t('users.create') : mode.kind === 'edit' ? t('users.editTitle') : t('users.resetPassword');
  return (
    <Modal
      title={user ? `${title}：${user.username}` : title}
      onClose={onClose}
      testId="user-dialog"
      onKeyDown={(e) => handleFormKeys(e, { onSave: () => void save(), onClose })}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn-primary"
            disabled={busy}
            onClick={() => void save()}
            data-testid="user-save"
          >
            {t('common.save')}
          </button>
        </>
      }
    >
      <div className="form-grid">
        {mode.kind === 'create' && (
          <Field id="user-username" label={t('users.username')} error={errors.username} required>
            <input id="user-username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
          </Field>
        )}
        {mode.kind !== 'password' && (
          <>
            <Field id="user-displayName" label={t('users.displayName')} error={errors.displayName} required>
              <input
                id="user-displayName"
                value={displayName}
                onChange={(e) => setDisplayName(e.target.value)}
                autoFocus={mode.kind === 'edit'}
              />
            </Field>
            <Field id="user-role" label={t('users.role')} error={errors.role}>
              <select id="user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="user-clearance" label={t('users.clearance')} error={errors.clearance}>
              <select
                id="user-clearance"
                value={clearance}
                onChange={(e) => setClearance(Number(e.target.value) as SecurityLevel)}
              >
                {SECURITY_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {securityLabel(l)}
                  </option>
                ))}
              </select>
            </Field>
          </>
        )}
        {mode.kind !== 'edit' && (
          <Field
            id="user-password"
            label={mode.kind === 'create' ? t('users.password') : t('users.newPassword')}
            error={errors.password}
            hint={t('setup.passwordHint')}
            required
          >
            <input
              id="user-password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoFocus={mode.kind === 'password'}
            />
          </Field>
        )}
      </div>
      {formError && (
        <div className="form-error" role="alert">
          {formError}
        </div>
      )}
    </Modal>
  );
}
