import type { VolumeView } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';

/** A volume select's options: 请选择案卷, then each volume as 档号 题名. */
export function VolumeOptions({ volumes }: { volumes: VolumeView[] }) {
  return (
    <>
      <option value="">{t('item.volumeChoose')}</option>
      {volumes.map((v) => (
        <option key={v.id} value={v.id}>
          {v.archiveCode} {v.title}
        </option>
      ))}
    </>
  );
}
