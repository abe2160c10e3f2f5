import { useEffect, useState } from 'react';
import type { CodeHistoryEntry } from '../../../../electron/contract';
import { loadCodeHistory } from './actions';
import { t } from '../../i18n/zh-CN';
import { formatTime } from '../../lib/format';
import './records.css';

/** A record's earlier 档号 (更正归档位置, or a restore that found its number taken). Nothing when it never changed. */
export function CodeHistory({
  id,
  entity = 'item',
  version,
}: {
  id: string;
  entity?: 'item' | 'volume';
  version: number;
}) {
  const [rows, setRows] = useState<CodeHistoryEntry[]>([]);
  useEffect(() => {
    let alive = true;
    loadCodeHistory({ id, entity })
      .then((r) => alive && setRows(r))
      .catch(() => alive && setRows([]));
    return () => {
      alive = false;
    };
  }, [id, entity, version]);
  if (rows.length === 0) return null;
  return (
    <section className="code-history" data-testid="code-history">
      <h3>{t('rec.history.title')}</h3>
      <ol className="code-history-list">
        {rows.map((r) => (
          <li key={`${r.changedAt}-${r.oldCode}`}>
            <div>
              <span className="mono">{r.oldCode}</span>
              <span aria-label={t('rec.history.to')}> → </span>
              <span className="mono">{r.newCode}</span>
            </div>
            <div className="muted small">
              {t('rec.history.reason')}：{r.reason} · {r.changedBy} · {formatTime(r.changedAt)}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
