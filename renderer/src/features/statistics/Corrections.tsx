import { STAT_SECTIONS, type StatCorrection, type StatSection } from '../../../../electron/contract/statistics';
import { t } from '../../i18n/zh-CN';
import { formatCount } from '../../lib/format';

/** A closed year's 更正: each figure whose live recount differs from the frozen one, and the records changed. */
export function Corrections(props: { corrections: StatCorrection[] }) {
  if (!props.corrections.length) return null;
  return (
    <section className="stat-corrections" data-testid="statistics-corrections">
      <h2>
        {t('statistics.corrections')}（{props.corrections.length}）
      </h2>
      <table className="table">
        <thead>
          <tr>
            <th>{t('statistics.colLabel')}</th>
            <th className="num">{t('statistics.colFrozen')}</th>
            <th className="num">{t('statistics.colLive')}</th>
            <th>{t('statistics.colChanged')}</th>
          </tr>
        </thead>
        <tbody>
          {props.corrections.map((c) => (
            <tr key={c.key} data-testid="statistics-correction" data-key={c.key}>
              <td>
                <span className="muted">{STAT_SECTIONS[c.key.split('.')[0] as StatSection] ?? ''} · </span>
                {c.label}
              </td>
              <td className="num">{formatCount(c.frozen)}</td>
              <td className="num">{formatCount(c.live)}</td>
              <td>{c.changed.map((r) => `${r.archiveCode} ${r.title}`).join('；') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
