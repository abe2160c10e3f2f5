import { useCallback, useEffect, useState } from 'react';
import { ROLE_LABELS, type UserView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { listUsers, updateUser } from './actions';
import { DataTable } from '../../components/DataTable';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { formatTime, securityLabel } from '../../lib/format';
import { useSession } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { UserDialog, type UserDialogMode } from './UserDialog';

const isLocked = (u: UserView) => !!u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now();

export function UsersPage() {
  const me = useSession((s) => s.login?.user.id);
  const [users, setUsers] = useState<UserView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<UserDialogMode | null>(null);

  const load = useCallback(() => {
    listUsers()
      .then((u) => {
        setUsers(u);
        setError(null);
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);
  useEffect(load, [load]);

  const update = async (u: UserView, patch: { disabled?: boolean; unlock?: boolean }) => {
    try {
      await updateUser({ id: u.id, ...patch });
      toast.success(t('users.updated', { name: u.displayName }));
      load();
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };

  return (
    <div className="page">
      <div className="toolbar">
        <h1 className="page-title">{t('users.title')}</h1>
        <span className="grow" />
        <button
          type="button"
          className="btn-primary"
          onClick={() => setDialog({ kind: 'create' })}
          data-testid="user-create"
        >
          {t('users.create')}
        </button>
      </div>
      <FormError message={error} />
      <DataTable
        testId="users-table"
        columns={[
          t('users.username'),
          t('users.displayName'),
          t('users.role'),
          t('users.clearance'),
          t('users.status'),
          t('users.createdAt'),
          t('users.actions'),
        ]}
      >
        {users.map((u) => {
          const locked = isLocked(u);
          return (
            <tr key={u.id} data-testid="user-row" data-username={u.username}>
              <td className="mono">{u.username}</td>
              <td>{u.displayName}</td>
              <td>{ROLE_LABELS[u.role]}</td>
              <td>{securityLabel(u.clearance)}</td>
              <td>
                {u.disabled ? (
                  <span className="tag tag-deleted">{t('users.disabled')}</span>
                ) : locked ? (
                  <span className="tag tag-warn">{t('users.locked')}</span>
                ) : (
                  <span className="tag tag-ok">{t('users.active')}</span>
                )}
              </td>
              <td className="nowrap">{formatTime(u.createdAt)}</td>
              <td className="nowrap actions">
                <button type="button" className="btn-small" onClick={() => setDialog({ kind: 'edit', user: u })}>
                  {t('common.edit')}
                </button>
                <button type="button" className="btn-small" onClick={() => setDialog({ kind: 'password', user: u })}>
                  {t('users.resetPassword')}
                </button>
                {u.id !== me && (
                  <button type="button" className="btn-small" onClick={() => void update(u, { disabled: !u.disabled })}>
                    {u.disabled ? t('users.enable') : t('users.disable')}
                  </button>
                )}
                {locked && (
                  <button type="button" className="btn-small" onClick={() => void update(u, { unlock: true })}>
                    {t('users.unlock')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
      {dialog && <UserDialog mode={dialog} onClose={() => setDialog(null)} onSaved={load} />}
    </div>
  );
}
