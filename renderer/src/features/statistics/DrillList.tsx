import { useEffect, useRef } from 'react';
import type { StatDrill } from '../../../../electron/contract/statistics';
import { t } from '../../i18n/zh-CN';
import { formatCount } from '../../lib/format';

const UNIT: Record<string, string> = {
  item: '件',
  volume: '卷',
  page: '页',
  loan_record: '借阅',
  destruction_list: '清册',
};

/** A figure opened to the records it counts (档号, 题名, 件/卷); Esc goes back to the figures. */
export function DrillList(props: { drill: StatDrill; onBack: () => void }) {
  const { drill } = props;
  const back = useRef<HTMLButtonElement>(null);
  const { onBack } = props;
  useEffect(() => {
    back.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);
  return (
    <section className="stat-drill" data-testid="statistics-drill">
      <div className="toolbar">
        <button ref={back} onClick={onBack} data-testid="statistics-drill-back">
          {t('statistics.drillBack')}
        </button>
        <h2>
          {drill.year}年 · {drill.label}：{formatCount(drill.value)}
        </h2>
        <span className="muted" data-testid="statistics-drill-total">
          {t('statistics.drillTotal', { total: formatCount(drill.total) })}
        </span>
        {drill.hidden > 0 && (
          <span className="stat-hidden" data-testid="statistics-drill-hidden">
            {t('statistics.drillHidden', { n: formatCount(drill.hidden) })}
          </span>
        )}
      </div>
      {drill.rows.length < drill.total - drill.hidden && (
        <p className="muted">{t('statistics.drillFirst', { n: formatCount(drill.rows.length) })}</p>
      )}
      {!drill.rows.length && <p className="muted">{t('statistics.drillEmpty')}</p>}
      {drill.rows.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('statistics.colCode')}</th>
              <th>{t('statistics.colTitle')}</th>
              <th>{t('statistics.colUnitKind')}</th>
            </tr>
          </thead>
          <tbody>
            {drill.rows.map((r) => (
              <tr key={`${r.entity}:${r.id}`} data-testid="statistics-drill-row">
                <td>{r.archiveCode}</td>
                <td>{r.title}</td>
                <td>{UNIT[r.entity] ?? r.entity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
