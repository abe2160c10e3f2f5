import { useRef } from 'react';
import { ScanField } from '../../components/ScanField';
import { t } from '../../i18n/zh-CN';
import { PhotoCapture } from './PhotoCapture';
import { useStocktake } from './store';

/** The one scan field of a stock-take, and 拍照识别 beside it; each scan goes to the queue. */
export function ScanBox() {
  const scan = useStocktake((s) => s.scan);
  const field = useRef<HTMLInputElement>(null);
  return (
    <div className="stk-scanbox">
      <ScanField
        id="stk-scan"
        label={t('stocktake.scanLabel')}
        placeholder={t('stocktake.scanPlaceholder')}
        className="stk-scan"
        testId="stocktake-scan"
        fieldRef={field}
        onScan={(code, source) => scan(code, source)}
      />
      <PhotoCapture onDone={() => field.current?.focus()} />
    </div>
  );
}
