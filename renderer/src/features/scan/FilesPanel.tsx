import { useRef, useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { uploadPageFiles } from './actions';
import { FormError } from '../../components/FormError';
import { ProgressBar } from '../../components/ProgressBar';
import { t } from '../../i18n/zh-CN';
import { readFileBase64 } from '../../lib/format';
import { useFileDrop } from '../../lib/useFileDrop';
import { useIntake } from '../../stores/intake';
import { toast } from '../../stores/toasts';

/** One `intake.importFiles` call carries at most this much base64 (the bridge takes 64 MB). */
const CALL_CHARS = 40 * 1024 * 1024;
/** The contract's limits: 100 files per call, 120 000 000 base64 characters per file. */
const CALL_FILES = 100;
const FILE_CHARS = 120_000_000;
const ACCEPT = '.jpg,.jpeg,.png,.tif,.tiff,.pdf,image/jpeg,image/png,image/tiff,application/pdf';
const SUPPORTED = /\.(jpe?g|png|tiff?|pdf)$/i;
const SUPPORTED_MIME = new Set(['image/jpeg', 'image/png', 'image/tiff', 'application/pdf']);

export interface FileError {
  file: string;
  page: number | null;
  message: string;
}

const base64Chars = (bytes: number): number => Math.ceil(bytes / 3) * 4;

/** Groups files so that no call exceeds the size or count limit (a big file goes alone). */
export function chunkFiles(files: File[]): File[][] {
  const chunks: File[][] = [];
  let cur: File[] = [];
  let chars = 0;
  for (const f of files) {
    const size = base64Chars(f.size);
    if (cur.length > 0 && (chars + size > CALL_CHARS || cur.length >= CALL_FILES)) {
      chunks.push(cur);
      cur = [];
      chars = 0;
    }
    cur.push(f);
    chars += size;
  }
  if (cur.length > 0) chunks.push(cur);
  return chunks;
}

function precheck(f: File): string | null {
  if (!SUPPORTED.test(f.name) && !SUPPORTED_MIME.has(f.type)) return t('intake.badType');
  if (f.size === 0) return t('intake.emptyFile');
  if (base64Chars(f.size) > FILE_CHARS) return t('intake.tooBig');
  return null;
}

interface Outcome {
  pages: number;
  files: number;
  errors: FileError[];
}

/** Dropped or chosen image files → `intake.importFiles`, in calls of ≤ 40 MB. */
export function FilesPanel() {
  const target = useIntake((s) => s.target);
  const template = useIntake((s) => s.template);
  const refreshBatches = useIntake((s) => s.refreshBatches);
  const inputRef = useRef<HTMLInputElement>(null);
  // Dropped files go the same way as picked ones (importFiles, below).
  const drop = useFileDrop((files) => void importFiles(Array.from(files)));
  const [progress, setProgress] = useState<{ done: number; total: number; name: string } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = progress !== null;

  const importFiles = async (list: File[]) => {
    if (busy || list.length === 0) return;
    setError(null);
    setOutcome(null);
    const errors: FileError[] = [];
    const good: File[] = [];
    for (const f of list) {
      const problem = precheck(f);
      if (problem) errors.push({ file: f.name, page: null, message: problem });
      else good.push(f);
    }
    let pages = 0;
    let done = 0;
    setProgress({ done: 0, total: good.length, name: '' });
    try {
      for (const chunk of chunkFiles(good)) {
        const files: { name: string; dataBase64: string }[] = [];
        for (const f of chunk) {
          setProgress({ done, total: good.length, name: f.name });
          try {
            files.push({ name: f.name, dataBase64: await readFileBase64(f) });
          } catch (err) {
            errors.push({ file: f.name, page: null, message: errorMessage(err) });
          }
        }
        if (files.length > 0) {
          try {
            const res = await uploadPageFiles({
              files,
              itemId: target.itemId,
              volumeId: null,
              template,
            });
            pages += res.pages;
            errors.push(...res.errors);
          } catch (err) {
            // The whole call was refused (session, permission, target gone …): every file in it failed.
            for (const f of files) errors.push({ file: f.name, page: null, message: errorMessage(err) });
          }
        }
        done += chunk.length;
        setProgress({ done, total: good.length, name: '' });
      }
    } finally {
      setProgress(null);
      if (inputRef.current) inputRef.current.value = '';
    }
    // Files that came in at least in part (a whole-file error has no page number).
    const lost = new Set(errors.filter((e) => e.page === null).map((e) => e.file));
    const files = good.filter((f) => !lost.has(f.name)).length;
    setOutcome({ pages, files, errors });
    if (pages > 0) {
      toast.success(
        errors.length
          ? t('intake.importedErrors', { pages, n: errors.length })
          : t('intake.imported', { pages, files }),
      );
    } else if (errors.length > 0 && good.length > 0) {
      setError(t('intake.importedErrors', { pages, n: errors.length }));
    }
    void refreshBatches();
  };

  return (
    <section className="card-section intake-panel" aria-labelledby="intake-files-title">
      <h2 id="intake-files-title" className="panel-heading">
        {t('intake.files')}
      </h2>
      <div
        className={`drop-zone${drop.over ? ' over' : ''}${busy ? ' busy' : ''}`}
        data-testid="drop-zone"
        {...drop.handlers}
      >
        <div className="drop-hint">{t('intake.dropHint')}</div>
        <button
          type="button"
          className="btn-primary"
          disabled={busy}
          onClick={() => inputRef.current?.click()}
          data-testid="intake-choose"
        >
          {t('intake.choose')}
        </button>
        <input
          ref={inputRef}
          type="file"
          multiple
          accept={ACCEPT}
          className="sr-only"
          tabIndex={-1}
          aria-label={t('intake.dropLabel')}
          data-testid="intake-file-input"
          onChange={(e) => void importFiles(Array.from(e.target.files ?? []))}
        />
      </div>
      {progress && (
        <div className="intake-progress" role="status">
          <ProgressBar done={progress.done} total={progress.total} label={t('intake.uploading')} />
          {progress.name && <div className="muted small ellipsis">{t('intake.reading', { name: progress.name })}</div>}
        </div>
      )}
      <FormError message={error} testId="intake-error" />
      {outcome && (outcome.pages > 0 || outcome.errors.length === 0) && (
        <div className="muted small" role="status" data-testid="intake-result">
          {t('intake.imported', { pages: outcome.pages, files: outcome.files })}
        </div>
      )}
      {outcome && outcome.errors.length > 0 && <FileErrors errors={outcome.errors} />}
    </section>
  );
}

function FileErrors({ errors }: { errors: FileError[] }) {
  return (
    <div className="table-scroll short" data-testid="intake-errors">
      <table className="table">
        <thead>
          <tr>
            <th>{t('intake.errFile')}</th>
            <th>{t('intake.errPage')}</th>
            <th>{t('intake.errMessage')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i}>
              <td className="ellipsis" title={e.file}>
                {e.file}
              </td>
              <td className="nowrap">{e.page ?? '—'}</td>
              <td className="text-error">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
