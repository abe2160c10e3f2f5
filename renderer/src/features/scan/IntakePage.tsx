import { useEffect } from 'react';
import { t } from '../../i18n/zh-CN';
import { useIntake } from '../../stores/intake';
import { BatchList } from './BatchList';
import { FilesPanel } from './FilesPanel';
import { HotFolderPanel } from './HotFolderPanel';
import { OcrQueueBar } from './OcrQueueBar';
import { ScannerPanel } from './ScannerPanel';
import { TargetPicker } from './TargetPicker';
import { TrayPanel } from './TrayPanel';

/**
 * 扫描采集: pages come in from dropped files, the scanner or the hot folder, into an item
 * or the tray, and are read by OCR; the batches below show how far each has got.
 */
export function IntakePage() {
  const listen = useIntake((s) => s.listen);
  const loadTemplates = useIntake((s) => s.loadTemplates);
  const refreshBatches = useIntake((s) => s.refreshBatches);
  const refreshOcr = useIntake((s) => s.refreshOcr);
  const loadHotFolder = useIntake((s) => s.loadHotFolder);

  useEffect(() => {
    const off = listen();
    void loadTemplates();
    void refreshBatches();
    void refreshOcr();
    void loadHotFolder();
    return off;
  }, [listen, loadTemplates, refreshBatches, refreshOcr, loadHotFolder]);

  return (
    <div className="page intake-page" data-testid="intake-page">
      <h1 className="page-title">{t('intake.title')}</h1>
      <OcrQueueBar />
      <TargetPicker />
      <div className="intake-panels">
        <FilesPanel />
        <ScannerPanel />
        <HotFolderPanel />
      </div>
      <TrayPanel />
      <BatchList />
    </div>
  );
}
