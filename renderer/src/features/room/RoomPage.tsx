import { useEffect, useState } from 'react';
import type { RoomView } from '../../../../electron/contract';
import { t, type MessageKey } from '../../i18n/zh-CN';
import { useSession } from '../../stores/session';
import { RoomForm } from './RoomForm';
import { ReadingsTab } from './ReadingsTab';
import { ChecksTab } from './ChecksTab';
import { useRoom, type RoomTab } from './store';
import './room.css';

const TABS: { id: RoomTab; label: MessageKey }[] = [
  { id: 'readings', label: 'room.tab.readings' },
  { id: 'checks', label: 'room.tab.checks' },
];

/** 库房环境: a room's temperature and humidity log (entry, chart, list) and its 九防 checks. */
export function RoomPage() {
  const perms = useSession((s) => s.login?.permissions ?? []);
  const canEditRooms = perms.includes('settings.manage');
  const canWrite = perms.includes('catalogue.write');
  const { rooms, roomId, tab, error, loadRooms, pick, setTab } = useRoom();
  const [editing, setEditing] = useState<RoomView | 'new' | null>(null);
  const room = rooms.find((r) => r.id === roomId) ?? null;

  useEffect(() => {
    void loadRooms();
  }, [loadRooms]);

  const onTabKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const next = TABS[(TABS.findIndex((x) => x.id === tab) + 1) % TABS.length]!.id;
    setTab(next);
    document.getElementById(`room-tab-${next}`)?.focus();
  };

  return (
    <div className="page room-page" data-testid="room-page">
      <div className="toolbar">
        <h1 className="page-title">{t('room.title')}</h1>
        {rooms.length > 0 && (
          <label className="room-pick">
            {t('room.pick')}
            <select value={roomId ?? ''} onChange={(e) => pick(e.target.value)} data-testid="room-select">
              {rooms.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.code} {r.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {room && (
          <span className="muted" data-testid="room-range">
            {t('room.range', { t: `${room.tempMin}–${room.tempMax}`, h: `${room.humidityMin}–${room.humidityMax}` })}
          </span>
        )}
        {canEditRooms && room && (
          <button type="button" className="btn-flat" onClick={() => setEditing(room)} data-testid="room-edit">
            {t('room.edit')}
          </button>
        )}
        {canEditRooms && (
          <button type="button" className="btn-flat" onClick={() => setEditing('new')} data-testid="room-add">
            {t('room.add')}
          </button>
        )}
      </div>
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
      {rooms.length === 0 && (
        <p className="muted" data-testid="room-none">
          {canEditRooms ? t('room.noneAdmin') : t('room.noneClerk')}
        </p>
      )}
      {room && (
        <>
          <div className="room-tabs" role="tablist" aria-label={t('room.title')} onKeyDown={onTabKey}>
            {TABS.map((x) => (
              <button
                key={x.id}
                id={`room-tab-${x.id}`}
                type="button"
                role="tab"
                aria-selected={tab === x.id}
                aria-controls="room-tabpanel"
                tabIndex={tab === x.id ? 0 : -1}
                className={`room-tab${tab === x.id ? ' active' : ''}`}
                onClick={() => setTab(x.id)}
                data-testid={`room-tab-${x.id}`}
              >
                {t(x.label)}
              </button>
            ))}
          </div>
          <div id="room-tabpanel" role="tabpanel" aria-labelledby={`room-tab-${tab}`} className="room-tabpanel">
            {tab === 'readings' ? (
              <ReadingsTab room={room} canWrite={canWrite} />
            ) : (
              <ChecksTab room={room} canWrite={canWrite} />
            )}
          </div>
        </>
      )}
      {editing && (
        <RoomForm
          room={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            void loadRooms().then(() => pick(saved.id));
          }}
        />
      )}
    </div>
  );
}
