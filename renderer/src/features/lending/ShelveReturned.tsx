import { useState } from 'react';
import { t } from '../../i18n/zh-CN';
import { errorMessage } from '../../lib/errors';
import { codeFromScan, loadTree, moveHoldings } from '../places/actions';

/**
 * A returned volume that was never shelved: the desk asks where it goes. The clerk types the
 * place's code or scans its label (`P/…` and Enter), and the volume is placed there (a move,
 * with its history, as in the 库位 screen).
 */
export function ShelveReturned({ volumeId, onDone }: { volumeId: string; onDone: (place: string) => void }) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const shelve = async () => {
    setProblem(null);
    const wanted = codeFromScan(code);
    try {
      const tree = await loadTree();
      const to = tree.places.find((p) => p.code.toLowerCase() === wanted.toLowerCase());
      if (!to) return setProblem(t('places.unknownCode', { code: wanted }));
      await moveHoldings({ placeId: to.id, volumeIds: [volumeId] });
      onDone(to.path);
    } catch (err) {
      setProblem(errorMessage(err));
    }
  };
  return (
    <form
      className="lnd-shelve"
      onSubmit={(e) => {
        e.preventDefault();
        void shelve();
      }}
    >
      <label>
        {t('lending.shelveAsk')}
        <input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder={t('places.moveHint')}
          autoComplete="off"
          data-testid="lending-shelve"
        />
      </label>
      {problem && (
        <span className="form-error" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}
