import { useState, type FormEvent } from 'react';
import { NODE_ROLES, NODE_ROLE_LABELS, type NodeRole } from '../../../../electron/contract';
import { initializeArchive } from './actions';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PasswordPair, usePasswordPair } from '../../components/PasswordPair';
import { t } from '../../i18n/zh-CN';
import { useFormErrors } from '../../lib/useFormErrors';
import { useSession } from '../../stores/session';
import { toast } from '../../stores/toasts';

export function SetupWizard() {
  const setupDone = useSession((s) => s.setupDone);
  const [nodeRole, setNodeRole] = useState<NodeRole>('station');
  const [unitName, setUnitName] = useState('');
  const [fondsCode, setFondsCode] = useState('');
  const [adminUsername, setAdminUsername] = useState('admin');
  const [adminDisplayName, setAdminDisplayName] = useState('');
  const { errors, setErrors, formError, clear, fail } = useFormErrors();
  const password = usePasswordPair(setErrors);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!password.matches()) return;
    setBusy(true);
    clear();
    try {
      const status = await initializeArchive({
        nodeRole,
        unitName,
        fondsCode,
        adminUsername,
        adminDisplayName,
        adminPassword: password.value,
      });
      toast.success(t('setup.done'));
      setupDone(status);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="center-screen">
      <form className="card card-form" onSubmit={submit} data-testid="setup-form" noValidate>
        <h1>{t('setup.title')}</h1>
        <p className="muted">{t('setup.intro')}</p>
        <fieldset className="radio-row">
          <legend>{t('setup.nodeRole')}</legend>
          {NODE_ROLES.map((r) => (
            <label key={r} className="radio">
              <input type="radio" name="nodeRole" value={r} checked={nodeRole === r} onChange={() => setNodeRole(r)} />
              {NODE_ROLE_LABELS[r]}
            </label>
          ))}
        </fieldset>
        <Field id="setup-unit" label={t('setup.unitName')} error={errors.unitName} required>
          <input id="setup-unit" value={unitName} onChange={(e) => setUnitName(e.target.value)} autoFocus />
        </Field>
        <Field
          id="setup-fonds"
          label={t('setup.fondsCode')}
          error={errors.fondsCode}
          hint={t('setup.fondsHint')}
          required
        >
          <input id="setup-fonds" value={fondsCode} onChange={(e) => setFondsCode(e.target.value)} />
        </Field>
        <Field id="setup-admin" label={t('setup.adminUsername')} error={errors.adminUsername} required>
          <input
            id="setup-admin"
            value={adminUsername}
            onChange={(e) => setAdminUsername(e.target.value)}
            autoComplete="username"
          />
        </Field>
        <Field id="setup-display" label={t('setup.adminDisplayName')} error={errors.adminDisplayName} required>
          <input id="setup-display" value={adminDisplayName} onChange={(e) => setAdminDisplayName(e.target.value)} />
        </Field>
        <PasswordPair
          id="setup-password"
          confirmId="setup-confirm"
          label={t('setup.password')}
          confirmLabel={t('setup.passwordConfirm')}
          {...password.inputs}
          error={errors.adminPassword}
          confirmError={errors.confirm}
          required
          autoComplete="new-password"
        />
        <FormError message={formError} />
        <div className="form-actions">
          <button type="submit" className="btn-primary" disabled={busy}>
            {t('setup.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
