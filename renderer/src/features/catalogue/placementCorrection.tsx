import { useEffect, useState, type ReactNode } from 'react';
import { errorMessage } from '../../lib/errors';
import { CancelConfirmFooter } from '../../components/CancelConfirmFooter';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { handleFormKeys } from '../../lib/formNav';
import { usePermission } from '../../stores/session';

/**
 * What a record's and a volume's 更正归档位置 share: the bar that opens the dialog (F2),
 * the debounced preview of the new 档号, and the required reason.
 */

export interface PlacementPreviewState {
  to: string | null;
  note: string | null;
}

/**
 * Under an open record's or volume's 档号: the 更正归档位置 button (F2 anywhere in the form)
 * and the 档号 history. The dialog sits in a wrapper that keeps its keys from the form.
 */
export function CorrectPlacementBar({
  testId,
  history,
  dialog,
}: {
  testId: string;
  history: ReactNode;
  dialog: (close: () => void) => ReactNode;
}) {
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
            data-testid={testId}
            data-nav-skip
          >
            {t('rec.place.open')}
            <span className="muted small"> F2</span>
          </button>
        </div>
      )}
      {history}
      {open && <div onKeyDown={(e) => e.stopPropagation()}>{dialog(() => setOpen(false))}</div>}
    </>
  );
}

/**
 * The 档号 the core would give at the chosen place, asked 150 ms after the last change.
 * `ask` is null while the place is incomplete; `idleNote` is shown then. `key` must change
 * whenever what `ask` sends changes.
 */
export function usePlacementPreview(
  key: string,
  ask: (() => Promise<{ to: string }>) | null,
  idleNote: string | null = null,
): PlacementPreviewState {
  const [preview, setPreview] = useState<PlacementPreviewState>({ to: null, note: null });
  const ready = ask !== null;
  useEffect(() => {
    if (!ask) {
      setPreview({ to: null, note: idleNote });
      return;
    }
    let alive = true;
    const timer = window.setTimeout(() => {
      ask()
        .then((p) => alive && setPreview({ to: p.to, note: null }))
        .catch((err: unknown) => alive && setPreview({ to: null, note: errorMessage(err) }));
    }, 150);
    return () => {
      alive = false;
      window.clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ready, idleNote]);
  return preview;
}

/** 当前档号 → 更正后档号 (or why there is none yet). */
export function PlacementPreview({
  current,
  preview,
  testId,
  nextTestId,
}: {
  current: string;
  preview: PlacementPreviewState;
  testId?: string;
  nextTestId: string;
}) {
  return (
    <div className="place-preview" data-testid={testId} aria-live="polite">
      <span className="muted">{t('rec.place.current')}</span>
      <span className="mono">{current}</span>
      <span className="muted">{t('rec.place.next')}</span>
      <span>
        <strong className="mono" data-testid={nextTestId}>
          {preview.to ?? t('rec.place.nextPending')}
        </strong>
        {preview.note && <span className="muted small"> {preview.note}</span>}
      </span>
    </div>
  );
}

/** The required 更正原因: `check()` says whether one is given, and if not, says so and focuses it. */
export function usePlacementReason(fieldId: string) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const check = () => {
    if (!reason.trim()) {
      setError(t('rec.place.reasonHint'));
      document.getElementById(fieldId)?.focus();
      return false;
    }
    setError(undefined);
    return true;
  };
  const field = (
    <Field id={fieldId} label={t('rec.place.reason')} required wide error={error} hint={t('rec.place.reasonHint')}>
      <input id={fieldId} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
    </Field>
  );
  return { reason: reason.trim(), check, field };
}

/**
 * The correction dialog's frame: intro, 当前档号 → 更正后档号, the place's fields (children,
 * the reason last), the error, and 取消/确认更正. Enter moves on field by field; Enter in
 * the reason (the last field) or Ctrl+S confirms.
 */
export function PlacementDialogFrame({
  title,
  intro,
  testId,
  current,
  preview,
  previewTestId,
  nextTestId,
  confirmTestId,
  errorTestId,
  error,
  busy,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  intro: string;
  testId: string;
  current: string;
  preview: PlacementPreviewState;
  previewTestId?: string;
  nextTestId: string;
  confirmTestId: string;
  errorTestId?: string;
  error: string | null;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Modal
      title={title}
      onClose={onClose}
      testId={testId}
      onKeyDown={(e) => handleFormKeys(e, { onSave: onConfirm, onClose })}
      footer={
        <CancelConfirmFooter
          onCancel={onClose}
          confirmLabel={t('rec.place.confirm')}
          disabled={busy || !preview.to}
          onConfirm={onConfirm}
          confirmTestId={confirmTestId}
        />
      }
    >
      <p className="muted small">{intro}</p>
      <PlacementPreview current={current} preview={preview} testId={previewTestId} nextTestId={nextTestId} />
      <div className="form-grid">{children}</div>
      <FormError message={error} testId={errorTestId} />
    </Modal>
  );
}
