import { useState } from 'react';
import {
  NINE_GUARD_CODES,
  NINE_GUARD_LABELS,
  type FindingView,
  type NineGuard,
  type RoomView,
} from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { errorMessage } from '../../lib/errors';
import { toast } from '../../stores/toasts';
import { closeFinding, createCheck } from './actions';
import { dayBefore, useRoom } from './store';

/** 九防: the dated checklist, the findings still open, and the checks done. */
export function ChecksTab({ room, canWrite }: { room: RoomView; canWrite: boolean }) {
  const { checks, refresh } = useRoom();
  return (
    <div className="room-checks-tab">
      {canWrite && <CheckForm room={room} onSaved={() => void refresh()} />}
      <section className="card-section" data-testid="open-findings">
        <h2 className="panel-title">{t('room.checks.open')}</h2>
        {checks && checks.open.length === 0 && <p className="muted">{t('room.checks.noOpen')}</p>}
        {checks?.open.map((f) => (
          <OpenFinding key={f.id} finding={f} canWrite={canWrite} onClosed={() => void refresh()} />
        ))}
      </section>
      <section className="card-section" data-testid="check-history">
        <h2 className="panel-title">{t('room.checks.history')}</h2>
        {checks && checks.checks.length === 0 && <p className="muted">{t('room.checks.none')}</p>}
        <ul className="room-check-list">
          {checks?.checks.map((c) => (
            <li key={c.id} data-testid="check-entry">
              <strong>{c.checkDate}</strong> {t('room.checks.by', { name: c.checkedBy })}：
              {c.findings.length === 0
                ? t('room.checks.allOk')
                : c.findings.map((f) => <FindingLine key={f.id} f={f} />)}
              {c.note && <span className="muted">（{c.note}）</span>}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function FindingLine({ f }: { f: FindingView }) {
  return (
    <span className={`room-finding${f.closedAt ? ' closed' : ''}`}>
      {NINE_GUARD_LABELS[f.guard]}：{f.finding}
      {f.closedAt &&
        `（${t('room.checks.closedBy', { date: f.closedAt.slice(0, 10), name: f.closedBy ?? '', followUp: f.followUp })}）`}
    </span>
  );
}

function CheckForm({ room, onSaved }: { room: RoomView; onSaved: () => void }) {
  const [date, setDate] = useState(() => dayBefore(0));
  const [findings, setFindings] = useState<Partial<Record<NineGuard, string>>>({});
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (g: NineGuard, on: boolean) => {
    const next = { ...findings };
    if (on) next[g] = '';
    else delete next[g];
    setFindings(next);
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const list = NINE_GUARD_CODES.filter((g) => g in findings).map((g) => ({ guard: g, finding: findings[g] ?? '' }));
      await createCheck({ roomId: room.id, checkDate: date, note, findings: list });
      toast.success(t('room.checks.saved', { date }));
      setFindings({});
      setNote('');
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card-section room-check-form" onSubmit={(e) => void submit(e)} data-testid="check-form">
      <h2 className="panel-title">{t('room.checks.new')}</h2>
      <label>
        {t('room.checks.date')}
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="check-date" />
      </label>
      <div className="room-guards">
        {NINE_GUARD_CODES.map((g) => (
          <div key={g} className="room-guard" data-testid={`guard-${g}`}>
            <span className="room-guard-name">{NINE_GUARD_LABELS[g]}</span>
            <label>
              <input
                type="checkbox"
                checked={g in findings}
                onChange={(e) => toggle(g, e.target.checked)}
                data-testid={`guard-${g}-finding`}
              />
              {t('room.checks.finding')}
            </label>
            {g in findings ? (
              <input
                value={findings[g]}
                placeholder={t('room.checks.findingPlaceholder')}
                aria-label={`${NINE_GUARD_LABELS[g]} ${t('room.checks.findingPlaceholder')}`}
                onChange={(e) => setFindings({ ...findings, [g]: e.target.value })}
                autoFocus
                data-testid={`guard-${g}-text`}
              />
            ) : (
              <span className="muted">{t('room.checks.ok')}</span>
            )}
          </div>
        ))}
      </div>
      <label>
        {t('room.checks.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="btn-primary" disabled={busy} data-testid="check-save">
          {t('room.checks.save')}
        </button>
      </div>
    </form>
  );
}

function OpenFinding(p: { finding: FindingView & { checkDate: string }; canWrite: boolean; onClosed: () => void }) {
  const [followUp, setFollowUp] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await closeFinding({ id: p.finding.id, followUp });
      p.onClosed();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <form className="room-open-finding" onSubmit={(e) => void close(e)} data-testid="open-finding">
      <span>
        {p.finding.checkDate} {NINE_GUARD_LABELS[p.finding.guard]}：{p.finding.finding}
      </span>
      {p.canWrite && (
        <>
          <input
            value={followUp}
            placeholder={t('room.checks.followUp')}
            aria-label={t('room.checks.followUp')}
            onChange={(e) => setFollowUp(e.target.value)}
            data-testid="finding-follow-up"
          />
          <button type="submit" className="btn-small" data-testid="finding-close">
            {t('room.checks.close')}
          </button>
        </>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
