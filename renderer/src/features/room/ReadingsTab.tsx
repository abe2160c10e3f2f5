import { lazy, Suspense, useRef, useState } from 'react';
import type { ReadingImportError, RoomView } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { ApiError, errorMessage } from '../../lib/errors';
import { readFileBase64 } from '../../lib/format';
import { toast } from '../../stores/toasts';
import { importReadings } from './actions';
import { ReadingEntry } from './ReadingEntry';
import { ReadingList } from './ReadingList';
import { dayBefore, useRoom } from './store';

const RoomChart = lazy(() => import('./RoomChart'));
/** Days with too few readings listed by date before "等". */
const THIN_LISTED = 10;

export function ReadingsTab({ room, canWrite }: { room: RoomView; canWrite: boolean }) {
  const { log, from, to, setPeriod, refresh } = useRoom();
  const fileRef = useRef<HTMLInputElement>(null);
  const [badRows, setBadRows] = useState<ReadingImportError[] | null>(null);

  const onFile = async (f: File | undefined) => {
    if (!f) return;
    setBadRows(null);
    try {
      const r = await importReadings({ roomId: room.id, fileName: f.name, base64: await readFileBase64(f) });
      const skipped = r.skipped ? t('room.importedSkipped', { n: r.skipped }) : '';
      toast.success(t('room.imported', { n: r.imported, out: r.outOfRange, enc: r.encoding.toUpperCase(), skipped }));
      void refresh();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'READINGS_CSV_INVALID')
        setBadRows(err.details as ReadingImportError[]);
      else toast.error(errorMessage(err));
    } finally {
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  const period = (days: number) => setPeriod(dayBefore(days - 1), dayBefore(0));
  const thin = log?.thinDays ?? [];

  return (
    <div className="room-readings-tab">
      {canWrite && <ReadingEntry room={room} onSaved={() => void refresh()} />}
      <div className="toolbar">
        <span className="panel-title">{t('room.period')}</span>
        <label>
          {t('room.from')}
          <input type="date" value={from} onChange={(e) => e.target.value && setPeriod(e.target.value, to)} />
        </label>
        <label>
          {t('room.to')}
          <input type="date" value={to} onChange={(e) => e.target.value && setPeriod(from, e.target.value)} />
        </label>
        <button type="button" className="btn-flat" onClick={() => period(7)}>
          {t('room.days7')}
        </button>
        <button type="button" className="btn-flat" onClick={() => period(30)}>
          {t('room.days30')}
        </button>
        <button type="button" className="btn-flat" onClick={() => period(365)}>
          {t('room.days365')}
        </button>
        {canWrite && (
          <>
            <button type="button" className="btn-flat" onClick={() => fileRef.current?.click()}>
              {t('room.import')}
            </button>
            <input
              ref={fileRef}
              type="file"
              accept=".csv,text/csv"
              hidden
              onChange={(e) => void onFile(e.target.files?.[0])}
              data-testid="reading-import-file"
            />
          </>
        )}
      </div>
      {badRows && (
        <div className="form-error" role="alert" data-testid="reading-import-errors">
          {t('room.importBad')}
          <ul>
            {badRows.map((e) => (
              <li key={`${e.line}-${e.message}`}>{t('room.importLine', { line: e.line, message: e.message })}</li>
            ))}
          </ul>
        </div>
      )}
      {log && (
        <>
          <div className="room-summary" data-testid="reading-summary">
            <span className={log.outOfRange ? 'alarm' : undefined}>
              {t('room.summary', { total: log.total, out: log.outOfRange, open: log.withoutAction })}
            </span>
            {thin.length > 0 && (
              <span className="room-thin" data-testid="reading-thin-days">
                {t('room.thin', { n: thin.length })}
                {thin.slice(0, THIN_LISTED).join('、')}
                {thin.length > THIN_LISTED ? t('room.thinMore') : ''}
              </span>
            )}
          </div>
          <Suspense fallback={<div className="room-chart" />}>
            <RoomChart room={log.room} readings={log.readings} from={log.from} to={log.to} />
          </Suspense>
          <ReadingList room={log.room} readings={log.readings} canWrite={canWrite} onChanged={() => void refresh()} />
        </>
      )}
    </div>
  );
}
