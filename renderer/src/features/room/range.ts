/** How an out-of-range reading is described: which value, which side, against which limit. */
import type { ReadingView, RoomView } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';

export function outOfRangeText(r: ReadingView, room: RoomView): string {
  const parts: string[] = [];
  if (r.temperatureSide === 'high') parts.push(t('room.side.tempHigh', { v: r.temperature, max: room.tempMax }));
  if (r.temperatureSide === 'low') parts.push(t('room.side.tempLow', { v: r.temperature, min: room.tempMin }));
  if (r.humiditySide === 'high') parts.push(t('room.side.humHigh', { v: r.humidity, max: room.humidityMax }));
  if (r.humiditySide === 'low') parts.push(t('room.side.humLow', { v: r.humidity, min: room.humidityMin }));
  return parts.join('，');
}
