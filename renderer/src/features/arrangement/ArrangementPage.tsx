import { useCallback, useEffect, useState } from 'react';
import { BATCH_STATUS_LABELS, type ArrangementBatch } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { saveCoreFile } from '../../lib/saveFile';
import { useSession } from '../../stores/session';
import { toast } from '../../stores/toasts';
import * as api from './actions';
import { BatchDetail } from './BatchDetail';
import { NewBatch } from './NewBatch';
import './arrangement.css';

const errText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** 整理验收: batches, 定人定项 assignments with progress, the self-check report and step sign-offs. */
export function ArrangementPage() {
  const perms = useSession((s) => s.login?.permissions ?? []);
  const canManage = perms.includes('arrangement.manage');
  const [batches, setBatches] = useState<ArrangementBatch[]>([]);
  const [selId, setSelId] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setBatches(await api.listBatches());
    } catch (err) {
      toast.error(errText(err));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const current = batches.find((b) => b.id === selId) ?? batches[0];

  const print = (id: string) => saveCoreFile(() => api.printRecord(id));

  return (
    <div className="page arrangement-page" data-testid="arrangement-page">
      <div className="toolbar">
        <h1 className="page-title">{t('arr.title')}</h1>
      </div>
      <div className="arr-grid">
        <section data-testid="arr-batches">
          <h2>{t('arr.batches')}</h2>
          {!batches.length && <p className="muted">{t('arr.none')}</p>}
          <ul className="arr-list">
            {batches.map((b) => (
              <li
                key={b.id}
                className={b === current ? 'selected' : ''}
                onClick={() => setSelId(b.id)}
                data-testid="arr-batch-row"
              >
                <strong>{b.name}</strong> · {b.scope}
                <span className={`arr-status arr-${b.status}`}>{BATCH_STATUS_LABELS[b.status]}</span>
              </li>
            ))}
          </ul>
          {canManage && (
            <NewBatch
              onCreated={(b) => {
                setSelId(b.id);
                void reload();
              }}
            />
          )}
        </section>
        {current && (
          <BatchDetail
            key={current.id}
            batch={current}
            canManage={canManage}
            canPrint={perms.includes('export')}
            canSign={perms.includes('arrangement.sign')}
            onChange={() => void reload()}
            onPrint={() => void print(current.id)}
          />
        )}
      </div>
    </div>
  );
}
