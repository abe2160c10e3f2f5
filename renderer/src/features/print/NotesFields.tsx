import { useEffect, useState } from 'react';
import { t } from '../../i18n/zh-CN';
import { volumeNotes } from './actions';

/** The 卷内备考表's signature lines as print.document's notes take them. */
export interface NotesInput {
  compiler: string;
  checker: string;
  date: string;
  checkDate: string;
}
const BLANK: NotesInput = { compiler: '', checker: '', date: '', checkDate: '' };
const FIELDS = ['compiler', 'date', 'checker', 'checkDate'] as const;

/**
 * The 备考表 lines of a volume, prefilled from its arrangement batch's sign-offs (arrangement.notes:
 * 立卷人 = who signed 整理, 检查人 = who signed 自查, with their days); `loaded` turns true once
 * asked, so the first preview already carries them. No batch, or no right to ask: blank lines.
 */
export function useVolumeNotes(volumeId: string | undefined, wanted: boolean) {
  const [notes, setNotes] = useState<NotesInput>(BLANK);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (!wanted || !volumeId) return;
    let alive = true;
    volumeNotes(volumeId)
      .then((n) => {
        if (!alive) return;
        if (n) setNotes({ compiler: n.compiler, checker: n.checker, date: n.date, checkDate: n.checkDate });
        setLoaded(true);
      })
      .catch(() => alive && setLoaded(true));
    return () => {
      alive = false;
    };
  }, [volumeId, wanted]);
  return { notes, setNotes, loaded: loaded || !volumeId };
}

/** The four lines under the document list, editable; each change lays the preview out again. */
export function NotesFields({ notes, onChange }: { notes: NotesInput; onChange: (n: NotesInput) => void }) {
  return (
    <fieldset className="print-notes" data-testid="print-notes">
      <legend>{t('print.notes')}</legend>
      {FIELDS.map((k) => (
        <label key={k}>
          <span>{t(`print.notes.${k}`)}</span>
          <input
            value={notes[k]}
            maxLength={k === 'date' || k === 'checkDate' ? 20 : 50}
            onChange={(e) => onChange({ ...notes, [k]: e.target.value })}
            data-testid={`print-notes-${k}`}
          />
        </label>
      ))}
    </fieldset>
  );
}
