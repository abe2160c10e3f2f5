import { useRef, useState } from 'react';
import type { ReadingView, RoomView } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { errorMessage } from '../../lib/errors';
import { addReading } from './actions';
import { outOfRangeText } from './range';

/** 'YYYY-MM-DD HH:MM' now, on this PC's clock (the room's wall clock). */
function nowStamp(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * One line per reading, keyboard first: time (now unless changed), temperature, humidity
 * and, for an out-of-range reading, the action taken. Enter in any field saves; the fields
 * empty and the cursor goes back to the temperature for the next reading.
 */
export function ReadingEntry({ room, onSaved }: { room: RoomView; onSaved: (r: ReadingView) => void }) {
  const [time, setTime] = useState(nowStamp);
  const [temp, setTemp] = useState('');
  const [hum, setHum] = useState('');
  const [action, setAction] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'alarm' | 'error'; text: string } | null>(null);
  const tempRef = useRef<HTMLInputElement>(null);

  const save = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const r = await addReading({
        roomId: room.id,
        takenAt: time,
        temperature: temp.trim() === '' ? Number.NaN : Number(temp),
        humidity: hum.trim() === '' ? Number.NaN : Number(hum),
        action,
      });
      setMessage(
        r.outOfRange
          ? { kind: 'alarm', text: t('room.entry.alarm', { what: outOfRangeText(r, room) }) }
          : { kind: 'ok', text: t('room.entry.saved', { time: r.takenAt, temp: r.temperature, hum: r.humidity }) },
      );
      setTemp('');
      setHum('');
      setAction('');
      setTime(nowStamp());
      onSaved(r);
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
      tempRef.current?.focus();
    }
  };

  const onKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    void save();
  };

  return (
    <div className="room-entry" onKeyDown={onKey} data-testid="reading-entry">
      <span className="panel-title">{t('room.entry.label')}</span>
      <label>
        {t('room.entry.time')}
        <input value={time} onChange={(e) => setTime(e.target.value)} size={16} data-testid="reading-time" />
      </label>
      <label>
        {t('room.entry.temp')}
        <input
          ref={tempRef}
          value={temp}
          onChange={(e) => setTemp(e.target.value)}
          inputMode="decimal"
          size={6}
          autoFocus
          data-testid="reading-temp"
        />
      </label>
      <label>
        {t('room.entry.hum')}
        <input
          value={hum}
          onChange={(e) => setHum(e.target.value)}
          inputMode="decimal"
          size={6}
          data-testid="reading-hum"
        />
      </label>
      <label className="room-entry-action">
        {t('room.entry.action')}
        <input value={action} onChange={(e) => setAction(e.target.value)} data-testid="reading-action" />
      </label>
      <span className="muted small">{t('room.entry.hint')}</span>
      {message && (
        <div
          className={`room-entry-message ${message.kind}`}
          role={message.kind === 'ok' ? 'status' : 'alert'}
          data-testid={`reading-${message.kind}`}
        >
          {message.text}
        </div>
      )}
    </div>
  );
}
