import {
  STAT_SECTIONS,
  type StatFigure,
  type StatGap,
  type StatSection,
} from '../../../../electron/contract/statistics';
import { t } from '../../i18n/zh-CN';
import { formatCount } from '../../lib/format';

/** The section a gap belongs to: the first part of its key ('media.carriers' → media). */
const sectionOfGap = (g: StatGap): StatSection | null =>
  (Object.keys(STAT_SECTIONS) as StatSection[]).find((s) => g.key === s || g.key.startsWith(`${s}.`)) ?? null;

/** ↑↓ move between the figures that open (rows with tabIndex), as a list would. */
function moveFocus(e: React.KeyboardEvent<HTMLElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const rows = [...document.querySelectorAll<HTMLElement>('[data-figure-open]')];
  const i = rows.indexOf(e.currentTarget);
  const next = rows[i + (e.key === 'ArrowDown' ? 1 : -1)];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

/**
 * The year's figures as the 档基 tables group them, one table per section with units. A figure
 * with records behind it opens to its drill list (click or Enter); what the catalogue cannot
 * count is marked 缺项 in its section, with the reason.
 */
export function FigureTables(props: { figures: StatFigure[]; gaps: StatGap[]; onOpen: (f: StatFigure) => void }) {
  const sections = Object.keys(STAT_SECTIONS) as StatSection[];
  return (
    <div className="stat-tables" data-testid="statistics-figures">
      {sections.map((s) => {
        const figures = props.figures.filter((f) => f.section === s);
        const gaps = props.gaps.filter((g) => sectionOfGap(g) === s);
        if (!figures.length && !gaps.length) return null;
        return (
          <section key={s} className="stat-section" data-testid={`statistics-section-${s}`}>
            <h2>{STAT_SECTIONS[s]}</h2>
            <table className="table stat-table">
              <thead>
                <tr>
                  <th>{t('statistics.colLabel')}</th>
                  <th className="num">{t('statistics.colValue')}</th>
                  <th>{t('statistics.colUnit')}</th>
                </tr>
              </thead>
              <tbody>
                {figures.map((f) => (
                  <tr
                    key={f.key}
                    data-testid="statistics-figure"
                    data-key={f.key}
                    className={f.drillable ? 'stat-open' : undefined}
                    {...(f.drillable
                      ? {
                          tabIndex: 0,
                          'data-figure-open': '',
                          onClick: () => props.onOpen(f),
                          onKeyDown: (e: React.KeyboardEvent<HTMLElement>) => {
                            if (e.key === 'Enter') props.onOpen(f);
                            else moveFocus(e);
                          },
                        }
                      : {})}
                  >
                    <td>{f.label}</td>
                    <td className="num" data-testid="statistics-value">
                      {f.unit === '年' ? f.value || '—' : formatCount(f.value)}
                    </td>
                    <td>{f.unit}</td>
                  </tr>
                ))}
                {gaps.map((g) => (
                  <tr key={g.key} className="stat-gap" data-testid="statistics-gap" title={g.reason}>
                    <td>{g.label}</td>
                    <td colSpan={2}>
                      <span className="stat-gap-tag">{t('statistics.gap')}</span> {g.reason}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
