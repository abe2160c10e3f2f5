/** The five most overdue loans (filtered by the user's 密级 in core; the count above is not). */
import type { StationDashboard } from '../../../../electron/contract/dashboard';
import { t } from '../../i18n/zh-CN';

export function OverdueList({ loans }: { loans: StationDashboard['loans'] }) {
  // Fewer than five listed means every visible one is listed: the rest are above the user's 密级.
  const hidden = loans.mostOverdue.length < 5 ? loans.overdue - loans.mostOverdue.length : 0;
  return (
    <section className="dash-card" aria-labelledby="dash-overdue-title" data-testid="dash-overdue">
      <h2 id="dash-overdue-title">{t('dash.overdue.title')}</h2>
      {loans.mostOverdue.length === 0 ? (
        <p className="muted">{t('dash.overdue.none')}</p>
      ) : (
        <table className="dash-table">
          <thead>
            <tr>
              <th>{t('dash.overdue.col.code')}</th>
              <th>{t('dash.overdue.col.title')}</th>
              <th>{t('dash.overdue.col.borrower')}</th>
              <th>{t('dash.overdue.col.due')}</th>
              <th>{t('dash.overdue.col.days')}</th>
            </tr>
          </thead>
          <tbody>
            {loans.mostOverdue.map((l) => (
              <tr key={l.id}>
                <td>{l.archiveCode}</td>
                <td className="dash-ellipsis">{l.title}</td>
                <td>
                  {l.borrowerName} {l.borrowerUnit}
                </td>
                <td>{l.dueDate}</td>
                <td>{t('dash.overdue.days', { n: l.daysOverdue })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hidden > 0 && <p className="muted">{t('dash.overdue.hidden', { n: hidden })}</p>}
    </section>
  );
}
