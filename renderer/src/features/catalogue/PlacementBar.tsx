import { useEffect, useState } from 'react';
import type { ItemView } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { usePermission } from '../../stores/session';
import { CodeHistory } from './CodeHistory';
import { CorrectPlacementDialog } from './CorrectPlacementDialog';
import type { ItemDraft } from './itemDraft';

/**
 * Under an open record's 档号: the 更正归档位置 button (F2 anywhere in the record) and the
 * record's 档号 history. The dialog sits in a wrapper that keeps its keys from the record's form.
 */
export function PlacementBar({ item, onCorrected }: { item: ItemView; onCorrected: (item: ItemView) => void }) {
  const canWrite = usePermission('catalogue.write');
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!canWrite || open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F2' || e.ctrlKey || e.altKey || e.metaKey) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canWrite, open]);

  return (
    <>
      {canWrite && (
        <div className="place-bar">
          <button
            type="button"
            onClick={() => setOpen(true)}
            title={t('rec.place.openHint')}
            data-testid="correct-placement"
            data-nav-skip
          >
            {t('rec.place.open')}
            <span className="muted small"> F2</span>
          </button>
        </div>
      )}
      <CodeHistory id={item.id} version={item.version} />
      {open && (
        <div onKeyDown={(e) => e.stopPropagation()}>
          <CorrectPlacementDialog
            item={item}
            onClose={() => setOpen(false)}
            onCorrected={(fixed) => {
              setOpen(false);
              onCorrected(fixed);
            }}
          />
        </div>
      )}
    </>
  );
}

/** The form's draft after a correction: the new place, everything typed kept. */
export const withPlacement = (d: ItemDraft, item: ItemView): ItemDraft => ({
  ...d,
  categoryId: item.categoryId,
  year: String(item.year),
  retention: item.retention,
  orgCode: item.orgCode,
  volumeId: item.volumeId ?? '',
});
