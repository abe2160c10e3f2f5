import { useState } from 'react';
import { t } from '../../i18n/zh-CN';
import { usePermission } from '../../stores/session';
import { LabelsDialog } from '../print/LabelsDialog';
import * as api from './actions';
import { usePlaces } from './store';

/**
 * What stands at the selected place (and under it), with a move of the ticked ones to a place
 * named by its code: typed, or scanned from its label by a keyboard-wedge scanner (`P/<code>`
 * and Enter), so a clerk at the shelf moves a trolley without the mouse. The ticked ones'
 * labels (and one box's 盒脊/盒底) print from here too.
 */
export function HoldingsPanel({ canWrite }: { canWrite: boolean }) {
  const { tree, holdings, run } = usePlaces();
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const [target, setTarget] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [labels, setLabels] = useState(false);
  const canPrint = usePermission('export');
  if (!holdings) return null;
  const list = holdings.holdings;
  const chosen = list.filter((h) => ticked[`${h.entity}:${h.id}`]);

  const move = async () => {
    setProblem(null);
    const code = api.codeFromScan(target);
    const to = tree?.places.find((p) => p.code.toLowerCase() === code.toLowerCase());
    if (!to) return setProblem(t('places.unknownCode', { code }));
    const ok = await run(async () => {
      const r = await api.moveHoldings({
        placeId: to.id,
        boxIds: chosen.filter((h) => h.entity === 'box').map((h) => h.id),
        volumeIds: chosen.filter((h) => h.entity === 'volume').map((h) => h.id),
      });
      return t('places.moved', { n: r.moved });
    });
    if (ok) {
      setTicked({});
      setTarget('');
    }
  };

  return (
    <section className="place-holdings" data-testid="place-holdings">
      <h2 className="section-title">{t('places.holdings')}</h2>
      {list.length === 0 && <p className="muted">{t('places.holdingsNone')}</p>}
      {list.length > 0 && (
        <table className="data-table">
          <tbody>
            {list.map((h) => {
              const key = `${h.entity}:${h.id}`;
              return (
                <tr key={key}>
                  {canWrite && (
                    <td>
                      <input
                        type="checkbox"
                        checked={!!ticked[key]}
                        onChange={(e) => setTicked({ ...ticked, [key]: e.target.checked })}
                        aria-label={h.code}
                        data-testid={`hold-${h.code}`}
                      />
                    </td>
                  )}
                  <td>{h.entity === 'box' ? t('places.box') : t('places.volume')}</td>
                  <td className="mono">{h.code}</td>
                  <td>{h.title}</td>
                  <td className="muted">{h.placePath}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {holdings.total > list.length && (
        <p className="muted">{t('places.holdingsMore', { n: list.length, total: holdings.total })}</p>
      )}
      {canWrite && list.length > 0 && (
        <form
          className="place-move"
          onSubmit={(e) => {
            e.preventDefault();
            void move();
          }}
        >
          <label className="place-field">
            {t('places.moveTo')}
            <input
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              placeholder={t('places.moveHint')}
              list="place-codes"
              size={30}
              data-testid="move-target"
            />
          </label>
          <datalist id="place-codes">
            {tree?.places.map((p) => (
              <option key={p.id} value={p.code}>
                {p.path}
              </option>
            ))}
          </datalist>
          <button type="submit" className="btn-primary" disabled={chosen.length === 0} data-testid="move-submit">
            {t('places.move')}
          </button>
          {canPrint && (
            <button
              type="button"
              disabled={chosen.length === 0}
              onClick={() => setLabels(true)}
              data-testid="holdings-labels"
            >
              {t('places.printLabels')}
            </button>
          )}
          {problem && (
            <span className="form-error" role="alert">
              {problem}
            </span>
          )}
        </form>
      )}
      {labels && (
        <LabelsDialog
          target={{
            shelved: {
              boxes: chosen.filter((h) => h.entity === 'box').map((h) => ({ id: h.id, code: h.code })),
              volumeIds: chosen.filter((h) => h.entity === 'volume').map((h) => h.id),
            },
          }}
          onClose={() => setLabels(false)}
        />
      )}
    </section>
  );
}
