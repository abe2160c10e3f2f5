import { useSession } from '../../stores/session';
import { t } from '../../i18n/zh-CN';
import { OcrEnginePanel } from './OcrEnginePanel';
import './settings.css';

/** System settings: for now the OCR engines (the administrator changes, others may look). */
export function SettingsPage() {
  const perms = useSession((s) => s.login?.permissions ?? []);
  return (
    <div className="page settings-page">
      <div className="toolbar">
        <h1 className="page-title">{t('settings.title')}</h1>
      </div>
      <OcrEnginePanel canEdit={perms.includes('settings.manage')} />
    </div>
  );
}
