import type { ItemView } from '../../../../electron/contract';
import { CodeHistory } from './CodeHistory';
import { CorrectPlacementDialog } from './CorrectPlacementDialog';
import type { ItemDraft } from './itemDraft';
import { CorrectPlacementBar } from './placementCorrection';

/**
 * Under an open record's 档号: the 更正归档位置 button (F2 anywhere in the record) and the
 * record's 档号 history. The dialog sits in a wrapper that keeps its keys from the record's form.
 */
export function PlacementBar({ item, onCorrected }: { item: ItemView; onCorrected: (item: ItemView) => void }) {
  return (
    <CorrectPlacementBar
      testId="correct-placement"
      history={<CodeHistory id={item.id} version={item.version} />}
      dialog={(close) => (
        <CorrectPlacementDialog
          item={item}
          onClose={close}
          onCorrected={(fixed) => {
            close();
            onCorrected(fixed);
          }}
        />
      )}
    />
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
