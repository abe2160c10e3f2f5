import { useState } from 'react';
import type { ReadingView, RoomView } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { errorMessage } from '../../lib/errors';
import { toast } from '../../stores/toasts';
import { setReadingAction } from './actions';
import { outOfRangeText } from './range';

/** Newest first; the list shows this many, the chart all of them. */
const SHOWN = 500;

/** The readings, out-of-range rows highlighted, each with its action field (Enter saves it). */
export function ReadingList(p: { room: RoomView; readings: ReadingView[]; canWrite: boolean; onChanged: () => void }) {
  const rows = p.readings.slice(-SHOWN).reverse();
  if (rows.length === 0) return <p className="muted">{t('room.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="table room-readings" data-testid="reading-list">
        <thead>
          <tr>
            <th>{t('room.col.time')}</th>
            <th className="align-right">{t('room.col.temp')}</th>
            <th className="align-right">{t('room.col.hum')}</th>
            <th>{t('room.col.by')}</th>
            <th>{t('room.col.source')}</th>
            <th>{t('room.col.action')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.id}
              className={r.outOfRange ? 'out-of-range' : undefined}
              title={r.outOfRange ? outOfRangeText(r, p.room) : undefined}
              data-testid="reading-row"
              data-out={r.outOfRange ? '1' : '0'}
            >
              <td>{r.takenAt}</td>
              <td className={`align-right${r.temperatureSide ? ' bad' : ''}`}>{r.temperature}</td>
              <td className={`align-right${r.humiditySide ? ' bad' : ''}`}>{r.humidity}</td>
              <td>{r.recordedBy}</td>
              <td>{t(r.source === 'csv' ? 'room.source.csv' : 'room.source.keyboard')}</td>
              <td>{r.outOfRange && p.canWrite ? <ActionField reading={r} onSaved={p.onChanged} /> : r.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ActionField({ reading, onSaved }: { reading: ReadingView; onSaved: () => void }) {
  const [value, setValue] = useState(reading.action);
  const save = async () => {
    if (value.trim() === reading.action) return;
    try {
      await setReadingAction({ id: reading.id, action: value });
      onSaved();
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };
  return (
    <input
      className={`room-action-input${reading.action ? '' : ' missing'}`}
      value={value}
      placeholder={t('room.action.placeholder')}
      aria-label={`${t('room.col.action')} ${reading.takenAt}`}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          void save();
        }
      }}
      data-testid="reading-action-field"
    />
  );
}
