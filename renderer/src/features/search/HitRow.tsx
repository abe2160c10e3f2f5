import type { SearchHit } from '../../../../electron/contract';
import { formatDate, securityLabel } from '../../lib/format';
import { Snippet } from './Snippet';
import { t } from '../../i18n/zh-CN';

interface Props {
  hit: SearchHit;
  index: number;
  selected: boolean;
  onPick: (index: number) => void;
  onOpen: (index: number) => void;
}

/** One result: 档号 and 题名 on top, then 门类 · 日期 · 密级 · 人员, then the highlighted snippet. */
export function HitRow({ hit, index, selected, onPick, onOpen }: Props) {
  return (
    <li
      id={`search-hit-${index}`}
      role="option"
      aria-selected={selected}
      className={`search-hit${selected ? ' selected' : ''}${hit.deleted ? ' deleted' : ''}`}
      data-testid="search-hit"
      data-index={index}
      onClick={() => {
        onPick(index);
        onOpen(index);
      }}
    >
      <div className="search-hit-head">
        <span className="search-hit-code mono" data-testid="hit-code">
          {hit.archiveCode}
        </span>
        <span className="search-hit-title" data-testid="hit-title">
          {hit.title}
        </span>
        {hit.deleted && <span className="tag tag-deleted">{t('search.result.deleted')}</span>}
      </div>
      <div className="search-hit-meta muted small">
        <span>{hit.categoryName}</span>
        {hit.date && <span>{formatDate(hit.date)}</span>}
        {!hit.date && hit.year > 0 && <span>{hit.year}</span>}
        <span className={hit.securityLevel > 0 ? 'search-secret' : undefined}>{securityLabel(hit.securityLevel)}</span>
        {hit.personNames && (
          <span data-testid="hit-persons">
            {t('search.result.persons')}：{hit.personNames}
          </span>
        )}
      </div>
      {hit.snippet.length > 0 && (
        <div className="search-hit-snippet">
          <span className="tag search-field-tag" data-testid="hit-field">
            {t('search.result.from', { field: t(`search.field.${hit.field}`) })}
          </span>
          <Snippet parts={hit.snippet} field={hit.field} />
        </div>
      )}
    </li>
  );
}
