import { useState } from 'react';
import {
  ENTITY_UNIT_LABELS,
  SECURITY_LABELS,
  type OpeningDuePage,
  type OpeningDueRecord,
  type SecurityLevel,
} from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { saveCoreFile } from '../../lib/saveFile';
import * as api from './actions';
import { SignDialog } from '../../components/SignDialog';

/** 开放鉴定: records reaching the opening age, 开放 / 控制 with reasons or 解密, each signed. */
export function OpeningList(props: {
  due: OpeningDuePage | null;
  canReview: boolean;
  canExport: boolean;
  onChange: () => void;
}) {
  const [reviewing, setReviewing] = useState<{ rec: OpeningDueRecord; what: 'open' | 'control' | 'declassify' } | null>(
    null,
  );
  const [reason, setReason] = useState('');
  const [disclosure, setDisclosure] = useState('');
  const rows = props.due?.rows ?? [];
  const sign = (password: string) => {
    const r = reviewing!;
    if (r.what === 'declassify')
      return api.changeSecurity({
        entity: r.rec.entity,
        itemId: r.rec.itemId,
        newLevel: 0,
        effectiveDate: new Date().toISOString().slice(0, 10),
        reason,
        password,
      });
    return api.openingDecide({
      entity: r.rec.entity,
      itemId: r.rec.itemId,
      result: r.what,
      reason,
      disclosure,
      password,
    });
  };
  return (
    <section className="apr-opening" data-testid="appraisal-opening">
      <h2>
        {t('appraisal.opening')}
        {props.due && <span className="muted"> · {t('appraisal.openingYears', { n: props.due.years })}</span>}
      </h2>
      {!rows.length && <p className="muted">{t('appraisal.openingEmpty')}</p>}
      <ul>
        {rows.map((r) => (
          <li key={`${r.entity}:${r.itemId}`} data-testid="appraisal-opening-row">
            <span className="apr-unit" data-testid="appraisal-unit">
              {ENTITY_UNIT_LABELS[r.entity]}
            </span>
            <strong>{r.archiveCode}</strong> {r.title} · {r.year} · {SECURITY_LABELS[r.securityLevel as SecurityLevel]}
            {props.canReview && (
              <span className="toolbar">
                <button onClick={() => setReviewing({ rec: r, what: 'open' })} data-testid="appraisal-open">
                  {t('appraisal.open')}
                </button>
                <button onClick={() => setReviewing({ rec: r, what: 'control' })} data-testid="appraisal-control">
                  {t('appraisal.control')}
                </button>
                {r.securityLevel >= 2 && (
                  <button onClick={() => setReviewing({ rec: r, what: 'declassify' })}>
                    {t('appraisal.declassify')}
                  </button>
                )}
              </span>
            )}
          </li>
        ))}
      </ul>
      {props.canExport && (
        <button onClick={() => void saveCoreFile(() => api.openingPrint('pdf'))} data-testid="appraisal-opening-print">
          {t('appraisal.openingPrint')}
        </button>
      )}
      {reviewing && (
        <SignDialog
          testId="appraisal"
          title={reviewing.what === 'declassify' ? t('appraisal.declassify') : t(`appraisal.${reviewing.what}`)}
          what={`${reviewing.rec.archiveCode} ${reviewing.rec.title}`}
          sign={sign}
          onClose={() => setReviewing(null)}
          onDone={() => {
            setReviewing(null);
            setReason('');
            props.onChange();
          }}
        >
          <label>
            {t('appraisal.openingReason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="appraisal-opening-reason" />
          </label>
          {reviewing.what !== 'declassify' && (
            <label>
              {t('appraisal.disclosure')}
              <input value={disclosure} onChange={(e) => setDisclosure(e.target.value)} />
            </label>
          )}
        </SignDialog>
      )}
    </section>
  );
}
