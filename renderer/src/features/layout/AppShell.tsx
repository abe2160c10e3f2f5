import { useCallback, useEffect, useMemo, useState } from 'react';
import { ROLE_LABELS } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { landingSection, SECTIONS, sectionKey, useNav, type Section } from '../../stores/nav';
import { useSession } from '../../stores/session';
import { ChangePasswordDialog } from '../auth/ChangePasswordDialog';
import { useIdleLogout } from '../auth/useIdleLogout';
import { CataloguePage } from '../catalogue/CataloguePage';
import { BureauCataloguePage } from '../catalogue/BureauCataloguePage';
import { PersonsPage } from '../persons/PersonsPage';
import { ImportPage } from '../import/ImportPage';
import { SchemePage } from '../scheme/SchemePage';
import { UsersPage } from '../users/UsersPage';
import { AuditPage } from '../audit/AuditPage';
import { SearchPage } from '../search/SearchPage';
import { IntakePage } from '../scan/IntakePage';
import { VerifyPage } from '../scan/VerifyPage';
import { FormsPage } from '../forms/FormsPage';
import { SyncPage } from '../sync/SyncPage';
import { SettingsPage } from '../settings/SettingsPage';
import { RoomPage } from '../room/RoomPage';
import { StocktakePage } from '../stocktake/StocktakePage';
import { LendingPage } from '../lending/LendingPage';
import { ArrangementPage } from '../arrangement/ArrangementPage';
import { AppraisalPage } from '../appraisal/AppraisalPage';
import { PlacesPage } from '../places/PlacesPage';
import { StatisticsPage } from '../statistics/StatisticsPage';
import { BureauDashboardPage } from '../dashboard/BureauDashboardPage';
import { DashboardPage } from '../dashboard/DashboardPage';
import { useSearchShortcut } from '../search/useSearchShortcut';

function SectionView({ section }: { section: Section }) {
  const bureau = useSession((s) => s.status?.nodeRole === 'bureau');
  switch (section) {
    case 'catalogue':
      // The county bureau browses what its stations sent, read-only (station → 门类 → 年度 …).
      return bureau ? <BureauCataloguePage /> : <CataloguePage />;
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
    case 'forms':
      return <FormsPage />;
    case 'scheme':
      return <SchemePage />;
    case 'users':
      return <UsersPage />;
    case 'audit':
      return <AuditPage />;
    case 'sync':
    case 'bureauSync':
      return <SyncPage />;
    case 'settings':
      return <SettingsPage />;
    case 'room':
      return <RoomPage />;
    case 'stocktake':
      return <StocktakePage />;
    case 'lending':
      return <LendingPage />;
    case 'arrangement':
      return <ArrangementPage />;
    case 'appraisal':
      return <AppraisalPage />;
    case 'places':
      return <PlacesPage />;
    case 'statistics':
      return <StatisticsPage />;
    case 'dashboard':
      return <DashboardPage />;
    case 'bureauDashboard':
      return <BureauDashboardPage />;
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
  const role = status?.nodeRole ?? null;
  const visible = useCallback(
    (s: (typeof SECTIONS)[number]) => perms.includes(s.perm) && (!s.role || s.role === role),
    [perms, role],
  );
  const allowed = SECTIONS.filter(visible);
  const home = landingSection(login?.user.role, allowed);
  const current = allowed.find((s) => s.id === section)?.id ?? home;
  useSearchShortcut(perms.includes('catalogue.read'));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const target = SECTIONS.find((_, i) => sectionKey(i) === e.key);
      if (target && visible(target)) {
        e.preventDefault();
        if (target.id !== current) go(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [visible, go, current]);

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
            visible(s) ? (
              <button
                key={s.id}
                type="button"
                className={`nav-item${current === s.id ? ' active' : ''}`}
                aria-current={current === s.id ? 'page' : undefined}
                data-testid={`nav-${s.id}`}
                title={sectionKey(i) ? `Alt+${sectionKey(i)}` : undefined}
                onClick={() => s.id !== current && go(s.id)}
              >
                <span>{t(s.labelKey)}</span>
                {sectionKey(i) && <kbd>Alt+{sectionKey(i)}</kbd>}
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
