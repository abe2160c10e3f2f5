import { useCallback, useEffect, useState } from 'react';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  type AuditEntryView,
  type AuditVerifyResult,
  type Page,
} from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { listAudit, verifyAuditChain } from './actions';
import { DataTable } from '../../components/DataTable';
import { FormError } from '../../components/FormError';
import { labelFor, t } from '../../i18n/zh-CN';
import { formatTime } from '../../lib/format';
import { dayBound } from './dates';

const LIMIT = 100;
interface Filters {
  actor: string;
  action: string;
  entity: string;
  from: string;
  to: string;
}
/** The codes people can filter by (the contract's vocabularies); their labels come from `t()`. */
const ACTIONS = Object.keys(AUDIT_ACTION_LABELS);
const ENTITIES = Object.keys(AUDIT_ENTITY_LABELS);
const EMPTY: Filters = { actor: '', action: '', entity: '', from: '', to: '' };

export function AuditPage() {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<AuditEntryView> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const [verifying, setVerifying] = useState(false);

  const load = useCallback(() => {
    const input: Record<string, string | number> = { offset, limit: LIMIT };
    for (const k of ['actor', 'action', 'entity'] as const) if (filters[k].trim()) input[k] = filters[k].trim();
    const from = filters.from.trim() && dayBound(filters.from, false);
    const to = filters.to.trim() && dayBound(filters.to, true);
    if (from) input.from = from;
    if (to) input.to = to;
    listAudit(input)
      .then((p) => {
        setPage(p);
        setError(null);
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [filters, offset]);
  useEffect(load, [load]);

  const apply = () => {
    // Dates are typed the way they are shown (YYYY-MM-DD), never through the browser's locale widget.
    for (const k of ['from', 'to'] as const) {
      if (draft[k].trim() && !dayBound(draft[k], false)) {
        setError(t('audit.dateInvalid'));
        document.getElementById(`audit-${k}`)?.focus();
        return;
      }
    }
    setOffset(0);
    setFilters({ ...draft });
  };

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await verifyAuditChain());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setVerifying(false);
    }
  };

  const total = page?.total ?? 0;
  const field = (key: keyof Filters, label: string, date = false) => (
    <div className="field field-stack">
      <label htmlFor={`audit-${key}`}>{label}</label>
      <input
        id={`audit-${key}`}
        type="text"
        inputMode={date ? 'numeric' : undefined}
        placeholder={date ? 'YYYY-MM-DD' : undefined}
        title={date ? t('audit.dateHint') : undefined}
        maxLength={date ? 10 : undefined}
        size={date ? 11 : undefined}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
        onKeyDown={(e) => e.key === 'Enter' && apply()}
      />
    </div>
  );
  // The stored codes are English identifiers; people pick and read them in Chinese.
  const choice = (key: 'action' | 'entity', label: string, codes: readonly string[]) => (
    <div className="field field-stack">
      <label htmlFor={`audit-${key}`}>{label}</label>
      <select id={`audit-${key}`} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}>
        <option value="">{t('audit.any')}</option>
        {codes.map((code) => (
          <option key={code} value={code}>
            {labelFor(`audit.${key}`, code)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="page">
      <div className="toolbar">
        <h1 className="page-title">{t('audit.title')}</h1>
        <span className="grow" />
        <button type="button" onClick={() => void runVerify()} disabled={verifying} data-testid="audit-verify">
          {verifying ? t('audit.verifying') : t('audit.verify')}
        </button>
      </div>
      {verify && (
        <div className={`summary-bar ${verify.ok ? 'good' : 'bad'}`} role="status" data-testid="audit-verify-result">
          {verify.ok
            ? t('audit.verifyOk', { n: verify.checked })
            : t('audit.verifyBroken', {
                n: verify.checked,
                seq: verify.firstBroken?.seq ?? '?',
                reason: verify.firstBroken?.reason ?? '',
              })}
        </div>
      )}
      <div className="filter-bar">
        {field('actor', t('audit.actor'))}
        {choice('action', t('audit.action'), ACTIONS)}
        {choice('entity', t('audit.entity'), ENTITIES)}
        {field('from', t('audit.from'), true)}
        {field('to', t('audit.to'), true)}
        <button type="button" className="btn-primary" onClick={apply} data-testid="audit-search">
          {t('common.search')}
        </button>
      </div>
      <FormError message={error} />
      <DataTable
        testId="audit-table"
        scrollClassName="fill"
        columns={[
          t('audit.seq'),
          t('audit.ts'),
          t('audit.actor'),
          t('audit.action'),
          t('audit.entity'),
          t('audit.summary'),
        ]}
      >
        {(page?.rows ?? []).map((r) => (
          <tr key={r.seq} data-testid="audit-row">
            <td className="nowrap" title={`${t('audit.hash')}：${r.hash ?? '—'}`} data-testid="audit-seq">
              {r.seq}
            </td>
            <td className="nowrap">{formatTime(r.ts)}</td>
            <td className="nowrap" data-testid="audit-operator">
              {r.operator}
            </td>
            <td className="nowrap" data-testid="audit-action">
              {r.actionLabel}
            </td>
            <td className="nowrap" data-testid="audit-entity">
              {r.entityLabel}
              {r.hidden ? (
                <span className="muted small"> {t('audit.hidden')}</span>
              ) : r.entityName ? (
                <span className="small"> {r.entityName}</span>
              ) : null}
            </td>
            <td>{r.summary}</td>
          </tr>
        ))}
      </DataTable>
      <div className="pager">
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - LIMIT))}>
          {t('common.prev')}
        </button>
        <span data-testid="audit-page-info">
          {total > 0
            ? t('common.pageInfo', { from: offset + 1, to: Math.min(offset + LIMIT, total), total })
            : t('common.empty')}
        </span>
        <button type="button" disabled={offset + LIMIT >= total} onClick={() => setOffset(offset + LIMIT)}>
          {t('common.next')}
        </button>
      </div>
    </div>
  );
}
