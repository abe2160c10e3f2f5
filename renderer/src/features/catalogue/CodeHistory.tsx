import { useEffect, useState } from 'react';
import type { CodeHistoryEntry } from '../../../../electron/contract';
import { call } from '../../api/client';
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
    call('catalogue.codeHistory', { id, entity })
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
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th>{t('rec.history.from')}</th>
              <th>{t('rec.history.to')}</th>
              <th>{t('rec.history.reason')}</th>
              <th>{t('rec.history.by')}</th>
              <th>{t('rec.history.at')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.changedAt}-${r.oldCode}`}>
                <td className="mono">{r.oldCode}</td>
                <td className="mono">{r.newCode}</td>
                <td>{r.reason}</td>
                <td>{r.changedBy}</td>
                <td className="nowrap">{formatTime(r.changedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
