import { useState, type KeyboardEvent } from 'react';
import { t, type MessageKey } from '../../i18n/zh-CN';
import { useSync } from '../../stores/sync';
import { AssessmentPanel } from './AssessmentPanel';
import { ConflictsPanel } from './ConflictsPanel';
import { Fingerprint } from './Fingerprint';
import { ImportPanel } from './ImportPanel';
import { KeysCard } from './KeysCard';
import { QuarantineList } from './QuarantineList';
import { StationsPanel } from './StationsPanel';

type Tab = 'stations' | 'import' | 'quarantine' | 'conflicts' | 'assessment';
const TABS: { id: Tab; label: MessageKey }[] = [
  { id: 'stations', label: 'sync.tab.stations' },
  { id: 'import', label: 'sync.tab.import' },
  { id: 'quarantine', label: 'sync.tab.quarantine' },
  { id: 'conflicts', label: 'sync.tab.conflicts' },
  { id: 'assessment', label: 'sync.tab.assessment' },
];

/** 派出所同步 (bureau): stations and their keys, importing bundles, the quarantine, conflicts, 考核与年报. */
export function BureauSyncPage() {
  const status = useSync((s) => s.status);
  const [tab, setTab] = useState<Tab>('stations');
  if (status?.role !== 'bureau') return null;
  const conflicts = status.stations.reduce((n, s) => n + s.openConflicts, 0);
  const counts: Partial<Record<Tab, number>> = {
    stations: status.stations.length,
    quarantine: status.quarantine.length,
    conflicts,
  };

  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab goes into the panel.
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.findIndex((x) => x.id === tab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const id = TABS[(next + TABS.length) % TABS.length]!.id;
    setTab(id);
    document.getElementById(`sync-tab-${id}`)?.focus();
  };

  return (
    <>
      <KeysCard />
      <div className="sync-tabs" role="tablist" aria-label={t('sync.bureauTitle')} onKeyDown={onKey}>
        {TABS.map((x) => (
          <button
            key={x.id}
            id={`sync-tab-${x.id}`}
            type="button"
            role="tab"
            aria-selected={tab === x.id}
            aria-controls="sync-tabpanel"
            tabIndex={tab === x.id ? 0 : -1}
            className={`sync-tab${tab === x.id ? ' active' : ''}`}
            onClick={() => setTab(x.id)}
            data-testid={`sync-tab-${x.id}`}
          >
            {t(x.label)}
            {counts[x.id] ? <span className="badge">{counts[x.id]}</span> : null}
          </button>
        ))}
      </div>
      <div id="sync-tabpanel" role="tabpanel" aria-labelledby={`sync-tab-${tab}`} className="sync-tabpanel">
        {tab === 'stations' && <StationsPanel status={status} />}
        {tab === 'import' && <ImportPanel />}
        {tab === 'quarantine' && <QuarantineList entries={status.quarantine} />}
        {tab === 'conflicts' && <ConflictsPanel />}
        {tab === 'assessment' && <AssessmentPanel />}
      </div>
      {status.own && tab === 'stations' && (
        <Fingerprint
          title={t('sync.fp.bureauOwn')}
          hint={t('sync.fp.bureauOwnHint')}
          fp={status.own}
          testId="sync-own-fp"
        />
      )}
    </>
  );
}
