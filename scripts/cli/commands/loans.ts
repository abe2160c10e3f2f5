import { parseArgs } from 'node:util';
import { LOAN_RECORD_STATUS_LABELS, LOAN_STATUS_LABELS } from '../../../electron/contract/lending';
import { resolveDataDir } from '../data-dir';
import { CliError, out } from '../io';
import { openSession } from '../session';

const USAGE = '用法：dangan loans --data DIR [--overdue] [--json]';

/**
 * `dangan loans`: the loan requests with their records (newest first), or with --overdue the
 * loans out past their due day, as the command's account sees them (密级 applies).
 */
export async function loansCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      overdue: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length) throw new CliError(USAGE, 2);
  const cli = await openSession(resolveDataDir(values.data));
  try {
    if (values.overdue) {
      const rows = await cli.call('lending.overdue', {});
      if (values.json) out(JSON.stringify(rows));
      else if (!rows.length) out('没有逾期未还的档案');
      else
        for (const r of rows)
          out(
            `${r.dueDate} 逾期  ${r.archiveCode}  ${r.title}  ${r.borrowerName}（${r.borrowerUnit || '—'}）${r.contact}`,
          );
      return 0;
    }
    const loans = await cli.call('lending.list', {});
    if (values.json) out(JSON.stringify(loans));
    else if (!loans.length) out('还没有借阅记录');
    else
      for (const l of loans) {
        out(
          `${l.fromDate}～${l.dueDate}  ${LOAN_STATUS_LABELS[l.status]}  ${l.borrowerName}（${l.borrowerUnit || '—'}）` +
            `  ${l.way}  ${l.purpose}` +
            (l.decision
              ? `  审批：${l.decision.approverName} ${l.decision.decidedAt.slice(0, 16).replace('T', ' ')}`
              : ''),
        );
        for (const r of l.records)
          out(`    ${r.archiveCode}  ${r.title}  ${LOAN_RECORD_STATUS_LABELS[r.status]}${r.overdue ? '（逾期）' : ''}`);
      }
    return 0;
  } finally {
    await cli.close();
  }
}
