/** What the station's and the bureau's 工作台 share around their figures: 刷新 / 打印, and the error or loading line. */
import { t } from '../../i18n/zh-CN';
import { printDashboard } from './print';

/** 刷新 and 打印 (not printed); `prefix` names their test ids (`dash`, `bdash`). */
export function DashActions(props: { prefix: string; onRefresh: () => void; canPrint: boolean }) {
  return (
    <>
      <button
        type="button"
        className="btn-flat no-print"
        onClick={props.onRefresh}
        data-testid={`${props.prefix}-refresh`}
      >
        {t('dash.refresh')}
      </button>
      <button
        type="button"
        className="btn-flat no-print"
        onClick={printDashboard}
        disabled={!props.canPrint}
        data-testid={`${props.prefix}-print`}
      >
        {t('dash.print')}
      </button>
    </>
  );
}

/** The load's error, or 加载中 until the figures come. */
export function DashStatus(props: { error: string | null; loaded: boolean }) {
  if (props.error)
    return (
      <div className="error" role="alert">
        {props.error}
      </div>
    );
  return props.loaded ? null : <div className="muted">{t('dash.loading')}</div>;
}
