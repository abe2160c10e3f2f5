/** 字段核对's presentational parts: the page's header line and the page image with its field boxes. */
import type { PageView, VerifyView } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { usePageImage } from './images';
import { pageName } from './labels';

const STATUS_TEXT: Record<PageView['verifyStatus'], () => string> = {
  pending: () => t('verify.statusPending'),
  verified: () => t('verify.statusVerified'),
  none: () => t('verify.statusNone'),
};

export function VerifyHeader({ view, position, total }: { view: VerifyView; position: number; total: number }) {
  const status = view.page.verifyStatus;
  return (
    <div className="verify-head">
      <div className="verify-target" data-testid="verify-target">
        <span className="panel-title">{t('verify.item')}</span>
        {view.item ? (
          <>
            <span className="mono">{view.item.archiveCode}</span>
            <span className="verify-item-title ellipsis" title={view.item.title}>
              {view.item.title}
            </span>
          </>
        ) : (
          <span className="tag tag-warn">{t('verify.tray')}</span>
        )}
      </div>
      <span
        className={`tag${view.page.templateNote ? ' tag-warn' : ''}`}
        data-testid="verify-template"
        title={view.page.templateNote ?? undefined}
      >
        {view.template
          ? t('verify.form', { name: view.template.name })
          : view.page.templateNote
            ? t('batchRecords.noTemplate')
            : t('verify.noForm')}
      </span>
      {view.page.ocrEngine && (
        <span className="muted small" data-testid="verify-engine">
          {t('verify.engine', { name: view.page.ocrEngine })}
        </span>
      )}
      <span
        className={`tag ${status === 'verified' ? 'tag-ok' : status === 'pending' ? 'tag-warn' : ''}`}
        data-testid="verify-status"
        data-status={status}
      >
        {STATUS_TEXT[status]()}
      </span>
      <span className="grow" />
      <span className="verify-where muted small">
        <span className="ellipsis" title={pageName(view.page)}>
          {pageName(view.page)}
        </span>
        {position >= 0 && <span className="nowrap">{t('verify.pageOf', { i: position + 1, n: total })}</span>}
      </span>
    </div>
  );
}

/** The page, with the field boxes drawn over it (the focused one stands out); a click on a box goes to its field. */
export function PageFigure({
  view,
  activeKey,
  onPick,
}: {
  view: VerifyView;
  activeKey: string | null;
  onPick: (key: string) => void;
}) {
  const { page } = view;
  const img = usePageImage({ id: page.id, variant: 'preview' }, page.rotation);
  // Boxes are in the processed page's pixels; drawn only while the page is upright.
  const w = page.width;
  const h = page.height;
  const boxes = page.rotation === 0 && w && h ? view.fields : [];
  return (
    <figure className="verify-figure" data-testid="verify-image">
      {img.url ? (
        <div className="verify-figure-inner">
          <img src={img.url} alt={pageName(page)} draggable={false} />
          {boxes.map((f) => (
            <button
              key={f.key}
              type="button"
              tabIndex={-1}
              aria-label={f.label}
              title={f.label}
              className={`field-box${f.key === activeKey ? ' active' : ''}${f.valid ? '' : ' invalid'}`}
              style={{
                left: `${(f.bbox.x / w!) * 100}%`,
                top: `${(f.bbox.y / h!) * 100}%`,
                width: `${(f.bbox.w / w!) * 100}%`,
                height: `${(f.bbox.h / h!) * 100}%`,
              }}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onPick(f.key)}
            />
          ))}
        </div>
      ) : (
        <div className="muted pad">{img.error ?? t('common.loading')}</div>
      )}
    </figure>
  );
}

/**
 * Further persons' forms on the page (two 常住人口登记表 on one sheet): their recognised
 * fields, read-only. A page fills one record, so they are only told, never filled in —
 * but the clerk sees that the page holds another person and can register them apart.
 */
export function OtherPersons({ persons }: { persons: NonNullable<VerifyView['otherPersons']> }) {
  return (
    <div className="verify-others" data-testid="verify-other-persons">
      {persons.map((fields, i) => (
        <p key={i} data-testid={`verify-other-person-${i + 2}`}>
          <strong>{t('verify.otherPerson', { n: i + 2 })}</strong>
          {fields.map((f) => (
            <span key={f.key} className="verify-other-field">
              {f.label} <span className="mono">{f.value}</span>
            </span>
          ))}
        </p>
      ))}
      <p className="muted small">{t('verify.otherPersonNote')}</p>
    </div>
  );
}
