import { useEffect, useMemo, useState } from 'react';
import { ROLE_LABELS } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { SECTIONS, useNav, type Section } from '../../stores/nav';
import { useSession } from '../../stores/session';
import { ChangePasswordDialog } from '../auth/ChangePasswordDialog';
import { useIdleLogout } from '../auth/useIdleLogout';
import { CataloguePage } from '../catalogue/CataloguePage';
import { PersonsPage } from '../persons/PersonsPage';
import { ImportPage } from '../import/ImportPage';
import { SchemePage } from '../scheme/SchemePage';
import { UsersPage } from '../users/UsersPage';
import { AuditPage } from '../audit/AuditPage';
import { SearchPage } from '../search/SearchPage';
import { IntakePage } from '../scan/IntakePage';
import { VerifyPage } from '../scan/VerifyPage';
import { useSearchShortcut } from '../search/useSearchShortcut';

function SectionView({ section }: { section: Section }) {
  switch (section) {
    case 'catalogue':
      return <CataloguePage />;
    case 'search':
      return <SearchPage />;
    case 'persons':
      return <PersonsPage />;
    case 'import':
      return <ImportPage />;
    case 'intake':
      return <IntakePage />;
    case 'verify':
      return <VerifyPage />;
    case 'scheme':
      return <SchemePage />;
    case 'users':
      return <UsersPage />;
    case 'audit':
      return <AuditPage />;
  }
}

export function AppShell() {
  const login = useSession((s) => s.login);
  const status = useSession((s) => s.status);
  const signOut = useSession((s) => s.signOut);
  const section = useNav((s) => s.section);
  const go = useNav((s) => s.go);
  const [pwdOpen, setPwdOpen] = useState(false);
  useIdleLogout(login?.idleTimeoutMinutes ?? status?.idleTimeoutMinutes);

  const perms = useMemo(() => login?.permissions ?? [], [login]);
  const allowed = SECTIONS.filter((s) => perms.includes(s.perm));
  const current = allowed.find((s) => s.id === section)?.id ?? allowed[0]?.id ?? null;
  useSearchShortcut(perms.includes('catalogue.read'));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const n = Number(e.key);
      if (!Number.isInteger(n) || n < 1 || n > SECTIONS.length) return;
      const target = SECTIONS[n - 1];
      if (target && perms.includes(target.perm)) {
        e.preventDefault();
        go(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [perms, go]);

  if (!login) return null;
  return (
    <div className="shell">
      <header className="topbar" data-testid="topbar">
        <div className="brand">
          <span className="brand-mark small" aria-hidden="true">
            档
          </span>
          <span className="unit-name" data-testid="unit-name">
            {status?.unitName ?? t('app.title')}
          </span>
          {status?.fondsCode && (
            <span className="fonds" data-testid="fonds-code">
              {t('shell.fonds')} {status.fondsCode}
            </span>
          )}
        </div>
        <div className="topbar-user">
          <span data-testid="current-user">
            {login.user.displayName}
            <span className="role-tag">{ROLE_LABELS[login.user.role]}</span>
          </span>
          <button type="button" className="btn-flat" onClick={() => setPwdOpen(true)}>
            {t('shell.changePassword')}
          </button>
          <button type="button" className="btn-flat" onClick={() => void signOut()} data-testid="logout">
            {t('shell.logout')}
          </button>
        </div>
      </header>
      <div className="shell-body">
        <nav className="sidenav" aria-label={t('shell.navLabel')}>
          {SECTIONS.map((s, i) =>
            perms.includes(s.perm) ? (
              <button
                key={s.id}
                type="button"
                className={`nav-item${current === s.id ? ' active' : ''}`}
                aria-current={current === s.id ? 'page' : undefined}
                data-testid={`nav-${s.id}`}
                title={`Alt+${i + 1}`}
                onClick={() => go(s.id)}
              >
                <span>{t(s.labelKey)}</span>
                <kbd>Alt+{i + 1}</kbd>
              </button>
            ) : null,
          )}
        </nav>
        <main className="content" data-testid={`section-${current ?? 'none'}`}>
          {current && <SectionView section={current} />}
        </main>
      </div>
      {pwdOpen && <ChangePasswordDialog onClose={() => setPwdOpen(false)} />}
    </div>
  );
}
