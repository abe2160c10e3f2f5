import type { Arrangement } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';

const TOKENS: { token: string; meaning: string }[] = [
  { token: '{fonds}', meaning: '全宗号' },
  { token: '{category}', meaning: '门类代码（含上级，如 ZY·HJ）' },
  { token: '{year}', meaning: '年度' },
  { token: '{retention}', meaning: '保管期限（Y / D30 / D10）' },
  { token: '{org}', meaning: '机构（问题）代码' },
  { token: '{item:4}', meaning: '件号，补足4位' },
  { token: '{volume:3}', meaning: '案卷号，补足3位' },
  { token: '{volumeCode}', meaning: '所属案卷的档号' },
];

export interface TemplateStyle {
  id: 'dat22' | 'dat13';
  name: string;
  item: string;
  volume: string;
  /** 卷内文件 of a 按卷 category. */
  itemInVolume: string;
  example: string;
}

export const TEMPLATE_STYLES: TemplateStyle[] = [
  {
    id: 'dat22',
    name: 'DA/T 22-2015',
    item: '{fonds}-{category}·{year}-{retention}[-{org}]-{item:4}',
    volume: '{fonds}-{category}·{year}-{retention}[-{org}]-{volume:3}',
    itemInVolume: '{volumeCode}-{item:3}',
    example: 'J001-WS·2011-Y-BGS-0001',
  },
  {
    id: 'dat13',
    name: 'DA/T 13-2022',
    item: '{fonds}-{category}·{year}·{retention}[·{org}]-{item:3}',
    volume: '{fonds}-{category}·{year}·{retention}[·{org}]-{volume:3}',
    itemInVolume: '{volumeCode}-{item:3}',
    example: 'J001-WS·2011·Y·BGS-001',
  },
];

/** The templates a style gives a category: its 档号模板 and 案卷档号模板. */
export const styleTemplates = (s: TemplateStyle, arrangement: Arrangement) => ({
  codeTemplate: arrangement === 'volume' ? s.itemInVolume : s.item,
  volumeCodeTemplate: s.volume,
});

interface Props {
  readOnly: boolean;
  onApply: (style: TemplateStyle) => void;
}

/** Explains the 档号模板 syntax under the template inputs, with buttons to fill in a standard style. */
export function TemplateHelp({ readOnly, onApply }: Props) {
  return (
    <div className="template-help" data-testid="template-help">
      <div className="template-help-title">{t('scheme.tplHelpTitle')}</div>
      <div className="template-help-label">{t('scheme.tplHelpTokens')}</div>
      <dl className="template-tokens">
        {TOKENS.map((tk) => (
          <div key={tk.token}>
            <dt className="mono">{tk.token}</dt>
            <dd>{tk.meaning}</dd>
          </div>
        ))}
      </dl>
      <p>{t('scheme.tplHelpOptional')}</p>
      <div className="template-help-label">{t('scheme.tplHelpExamples')}</div>
      {TEMPLATE_STYLES.map((s) => (
        <div key={s.id} className="template-example" data-testid={`template-example-${s.id}`}>
          <div className="template-example-head">
            <strong>{s.name}</strong>
            {!readOnly && (
              <button
                type="button"
                className="btn-small"
                title={t('scheme.tplFillTitle', { name: s.name })}
                onClick={() => onApply(s)}
                data-testid={`template-fill-${s.id}`}
              >
                {t('scheme.tplFill', { name: s.name })}
              </button>
            )}
          </div>
          <div className="template-example-body">
            <code className="mono">{s.item}</code>
            <span className="template-example-result">
              → <code className="mono">{s.example}</code>
            </span>
          </div>
        </div>
      ))}
      <p className="muted">{t('scheme.tplHelpVolume')}</p>
    </div>
  );
}
