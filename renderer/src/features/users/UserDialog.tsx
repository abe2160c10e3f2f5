import { useState } from 'react';
import { ROLES, ROLE_LABELS, type Role, type SecurityLevel, type UserView } from '../../../../electron/contract';
import { fieldErrors } from '../../lib/errors';
import { createUser, updateUser } from './actions';
import { Field } from '../../components/Field';
import { FormModal } from '../../components/FormModal';
import { SecuritySelect } from '../../components/SecuritySelect';
import { t } from '../../i18n/zh-CN';
import { useFormErrors } from '../../lib/useFormErrors';
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
  const { errors, formError, clear, fail } = useFormErrors();
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (busy) return;
    setBusy(true);
    clear();
    try {
      if (mode.kind === 'create') {
        const u = await createUser({ username, displayName, role, clearance, password });
        toast.success(t('users.created', { name: u.displayName }));
      } else if (mode.kind === 'edit') {
        const u = await updateUser({ id: mode.user.id, displayName, role, clearance });
        toast.success(t('users.updated', { name: u.displayName }));
      } else {
        await updateUser({ id: mode.user.id, resetPassword: password });
        toast.success(t('users.passwordReset', { name: mode.user.displayName }));
      }
      onSaved();
      onClose();
    } catch (err) {
      const fe = fieldErrors(err);
      if (fe.resetPassword) fe.password = fe.resetPassword;
      fail(err, fe);
      setBusy(false);
    }
  };

  const title =
    mode.kind === 'create' ? t('users.create') : mode.kind === 'edit' ? t('users.editTitle') : t('users.resetPassword');
  return (
    <FormModal
      title={user ? `${title}：${user.username}` : title}
      onClose={onClose}
      testId="user-dialog"
      onSave={save}
      busy={busy}
      saveTestId="user-save"
      error={formError}
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
              <SecuritySelect id="user-clearance" value={clearance} onChange={setClearance} />
            </Field>
          </>
        )}
        {mode.kind !== 'edit' && (
          <Field
            id="user-password"
            label={mode.kind === 'create' ? t('users.password') : t('users.newPassword')}
            error={errors.password}
            hint={`${t('setup.passwordHint')}；${t('users.mustChangeHint')}`}
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
    </FormModal>
  );
}
