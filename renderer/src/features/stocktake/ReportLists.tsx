import { useState } from 'react';
import type { ReportRecord, StocktakeReport } from '../../../../electron/contract';
import { REPORT_ENTITY_LABELS } from '../../../../electron/contract';
import { t, type MessageKey } from '../../i18n/zh-CN';

type ListTab = 'misplaced' | 'missing' | 'unknown' | 'twice' | 'found';
const TABS: { id: ListTab; label: MessageKey }[] = [
  { id: 'misplaced', label: 'stocktake.misplaced' },
  { id: 'missing', label: 'stocktake.missing' },
  { id: 'unknown', label: 'stocktake.unknown' },
  { id: 'twice', label: 'stocktake.twice' },
  { id: 'found', label: 'stocktake.found' },
];
/** A long list shows its first rows; the printed report and the workbook hold them all. */
const SHOWN = 300;

const kind = (r: { entity: ReportRecord['entity'] }) => REPORT_ENTITY_LABELS[r.entity];

/** The report's lists, one tab each (← → move between them). */
export function ReportLists({ report }: { report: StocktakeReport }) {
  const [tab, setTab] = useState<ListTab>('misplaced');
  const counts: Record<ListTab, number> = {
    misplaced: report.misplaced.length,
    missing: report.missing.length,
    unknown: report.unknown.length,
    twice: report.twice.length,
    found: report.found.length,
  };
  const accepted = report.stocktake.status === 'accepted';
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = TABS.findIndex((x) => x.id === tab);
    setTab(TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!.id);
  };
  let head: string[];
  let rows: string[][];
  switch (tab) {
    case 'misplaced':
      head = ['类别', '编码', '应在', '实际在', '确认时'];
      rows = report.misplaced.map((r) => [
        kind(r),
        r.code,
        r.expectedPath ?? '未登记位置',
        r.foundPath ?? '未扫描库位',
        r.movable ? (accepted ? '已移至实际位置' : '移至实际位置') : '不移动',
      ]);
      break;
    case 'missing':
      head = ['类别', '编码', '应在'];
      rows = report.missing.map((r) => [kind(r), r.code, r.expectedPath ?? '']);
      break;
    case 'unknown':
      head = ['条码内容', '原因', '次数'];
      rows = report.unknown.map((u) => [u.code, u.reason, String(u.times)]);
      break;
    case 'twice':
      head = ['类别', '编码', '次数'];
      rows = report.twice.map((x) => [REPORT_ENTITY_LABELS[x.entity], x.code, String(x.times)]);
      break;
    case 'found':
      head = ['类别', '编码', '位置', '盒内件/卷'];
      rows = report.found.map((r) => [
        kind(r),
        r.code,
        r.foundPath ?? r.expectedPath ?? '',
        r.entity === 'box' ? String(r.contents) : '',
      ]);
      break;
  }
  return (
    <section className="stk-lists">
      <div className="room-tabs" role="tablist" onKeyDown={onKey}>
        {TABS.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            aria-selected={tab === x.id}
            tabIndex={tab === x.id ? 0 : -1}
            className={`room-tab stk-tab-${x.id}${tab === x.id ? ' active' : ''}`}
            onClick={() => setTab(x.id)}
            data-testid={`stocktake-tab-${x.id}`}
          >
            {t(x.label)}（{counts[x.id]}）
          </button>
        ))}
      </div>
      <table className="data-table stk-table" data-testid={`stocktake-list-${tab}`}>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={head.length} className="muted">
                {t('stocktake.emptyList')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {rows.length > SHOWN && <p className="muted">{t('stocktake.more', { n: rows.length - SHOWN })}</p>}
    </section>
  );
}
