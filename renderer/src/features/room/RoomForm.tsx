import { useState } from 'react';
import type { RoomView } from '../../../../electron/contract';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { errorMessage } from '../../lib/errors';
import { saveRoom } from './actions';

interface Props {
  room: RoomView | null;
  onClose: () => void;
  onSaved: (room: RoomView) => void;
}

/** A room's code, name and ranges (defaults: the paper store of the reference, 14–24 °C, 45–60 %RH). */
export function RoomForm({ room, onClose, onSaved }: Props) {
  const [v, setV] = useState({
    code: room?.code ?? '',
    name: room?.name ?? '',
    tempMin: String(room?.tempMin ?? 14),
    tempMax: String(room?.tempMax ?? 24),
    humidityMin: String(room?.humidityMin ?? 45),
    humidityMax: String(room?.humidityMax ?? 60),
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (k: keyof typeof v) => ({
    value: v[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setV({ ...v, [k]: e.target.value }),
    'data-testid': `room-form-${k}`,
  });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await saveRoom({
        ...(room ? { id: room.id, expectedVersion: room.version } : {}),
        code: v.code,
        name: v.name,
        tempMin: Number(v.tempMin),
        tempMax: Number(v.tempMax),
        humidityMin: Number(v.humidityMin),
        humidityMax: Number(v.humidityMax),
      });
      onSaved(saved);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={room ? t('room.edit') : t('room.add')} onClose={onClose} testId="room-form">
      <form className="room-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('room.code')}
          <input {...field('code')} autoFocus />
        </label>
        <label>
          {t('room.name')}
          <input {...field('name')} />
        </label>
        <fieldset>
          <legend>{t('room.tempRange')}</legend>
          <input {...field('tempMin')} inputMode="decimal" aria-label={t('room.min')} /> –{' '}
          <input {...field('tempMax')} inputMode="decimal" aria-label={t('room.max')} />
        </fieldset>
        <fieldset>
          <legend>{t('room.humRange')}</legend>
          <input {...field('humidityMin')} inputMode="decimal" aria-label={t('room.min')} /> –{' '}
          <input {...field('humidityMax')} inputMode="decimal" aria-label={t('room.max')} />
        </fieldset>
        {error && (
          <div className="form-error" role="alert">
            {error}
          </div>
        )}
        <div className="form-actions">
          <button type="button" className="btn-flat" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn-primary" disabled={busy} data-testid="room-form-save">
            {t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
