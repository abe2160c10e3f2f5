import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, errorMessage, fieldErrors } from '../../lib/errors';
import { saveTemplate } from './actions';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { useFormTemplates } from '../../stores/formTemplates';
import { useScheme } from '../../stores/scheme';
import { useTemplateEditor } from '../../stores/templateEditor';
import { toast } from '../../stores/toasts';
import { usePageImage } from '../scan/images';
import { blankSurface, sampleSurface } from './geometry';
import { toTemplate, type Meta, type Zone } from './model';
import { SamplePicker } from './SamplePicker';
import { TemplateMeta } from './TemplateMeta';
import { useEditorKeys } from './useEditorKeys';
import { serverIssues, validate, type Issues } from './validate';
import { ZoneCanvas } from './ZoneCanvas';
import { ZoneList } from './ZoneList';
import { ZoneProps } from './ZoneProps';

/**
 * The template editor: the sample page (or blank paper) with the zones on the left, the
 * template's details, its zones and the selected zone's properties on the right. The
 * editor's checks show as the clerk works; the server checks again on save.
 */
export function TemplateEditor() {
  const ed = useTemplateEditor();
  const others = useFormTemplates((s) => s.list);
  const reload = useFormTemplates((s) => s.load);
  const loadScheme = useScheme((s) => s.load);
  const [picking, setPicking] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  /** The server's verdict, for the very meta and zones it was given (stale once the clerk edits). */
  const [fromServer, setFromServer] = useState<{ issues: Issues; meta: Meta; zones: readonly Zone[] } | null>(null);
  /** Missing names and titles are flagged after the first attempt to save, not while the form is fresh. */
  const [tried, setTried] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const labelRef = useRef<HTMLInputElement>(null);
  const readOnly = ed.mode === 'view';
  const ownId = ed.mode === 'edit' ? ed.originalId : null;

  useEffect(() => {
    void loadScheme(); // the categories' extra fields are where zone values may go
  }, [loadScheme]);

  const issues = useMemo(() => validate(ed.meta, ed.zones, others, ownId), [ed.meta, ed.zones, others, ownId]);
  const idEmpty = ed.meta.id.trim() === '';
  const server = fromServer && fromServer.meta === ed.meta && fromServer.zones === ed.zones ? fromServer.issues : null;
  const shown = useMemo(() => merge(issues, server, tried, idEmpty), [issues, server, tried, idEmpty]);

  const image = usePageImage(ed.sample ? { id: ed.sample.pageId, variant: 'preview' } : null);
  const surface = useMemo(
    () => (ed.sample ? sampleSurface(ed.meta.frame, ed.sample) : blankSurface(ed.meta.page)),
    [ed.sample, ed.meta.frame, ed.meta.page],
  );

  const save = useCallback(async () => {
    if (readOnly || saving) return;
    setTried(true);
    setFromServer(null);
    setSaveError(null);
    if (issues.count > 0) return; // the banner below asks to fix what is marked
    const over = ed.mode === 'edit' && ed.meta.id.trim() === ed.originalId;
    const version = over ? ed.meta.version + 1 : ed.mode === 'edit' ? 1 : ed.meta.version;
    const template = toTemplate({ ...ed.meta, version }, ed.zones);
    setSaving(true);
    try {
      await saveTemplate({ template });
      ed.markSaved(template);
      toast.success(t('forms.editor.saved', { name: template.name }));
      setTried(false);
      void reload();
    } catch (err) {
      setSaveError(errorMessage(err));
      if (err instanceof ApiError)
        setFromServer({ issues: serverIssues(fieldErrors(err), ed.zones), meta: ed.meta, zones: ed.zones });
    } finally {
      setSaving(false);
    }
  }, [readOnly, saving, issues.count, ed, reload]);

  useEditorKeys({ readOnly, onSave: save });

  const back = () => (ed.dirty && !readOnly ? setLeaving(true) : ed.close());
  const heading = ed.mode === 'new' ? t('forms.editor.new') : t(`forms.editor.${ed.mode}`, { name: ed.originalName });

  return (
    <div className="tpl-editor" data-testid="tpl-editor">
      <div className="toolbar tpl-toolbar">
        <button type="button" onClick={back} data-testid="tpl-back">
          ← {t('forms.editor.back')}
        </button>
        <h1 className="page-title">{heading}</h1>
        {ed.dirty && !readOnly && (
          <span className="tag tag-warn" data-testid="tpl-dirty">
            {t('forms.editor.unsaved')}
          </span>
        )}
        <span className="grow" />
        {!readOnly && (
          <button type="button" onClick={() => setPicking(true)} data-testid="tpl-pick-sample">
            {ed.sample ? t('forms.editor.changeSample') : t('forms.editor.pickSample')}
          </button>
        )}
        {!readOnly && (
          <button
            type="button"
            className="btn-primary"
            disabled={saving}
            onClick={() => void save()}
            data-testid="tpl-save"
            title="Ctrl+S"
          >
            {saving ? t('common.saving') : t('common.save')} <kbd>Ctrl+S</kbd>
          </button>
        )}
      </div>
      {ed.mode === 'copy' && (
        <div className="tpl-note">{ed.builtIn ? t('forms.editor.builtInNote') : t('forms.editor.copyNote')}</div>
      )}
      {ed.mode === 'new' && ed.sample && 'notes' in ed.sample && (
        <div className="tpl-note" data-testid="tpl-proposal-note">
          {t('forms.editor.proposed', { n: ed.zones.length })}
          {ed.sample.notes.map((n) => (
            <div key={n}>{n}</div>
          ))}
        </div>
      )}
      {ed.mode === 'edit' && ed.meta.id.trim() !== ed.originalId && (
        <div className="tpl-note">{t('forms.editor.renameNote')}</div>
      )}
      <FormError
        message={saveError ?? (tried && issues.count > 0 ? t('forms.editor.fixFirst') : null)}
        testId="tpl-save-error"
      />
      <div className="tpl-body">
        <ZoneCanvas
          surface={surface}
          imageUrl={image.url}
          imageError={image.error}
          sampleDpi={ed.sample?.dpi ?? null}
          meta={ed.meta}
          zones={ed.zones}
          selected={ed.selected}
          issues={shown}
          readOnly={readOnly}
          onSelect={ed.select}
          onDraw={(box) => {
            ed.addZone(box);
            window.requestAnimationFrame(() => labelRef.current?.focus());
          }}
          onChange={(uid, box) => ed.patchZone(uid, { box })}
        />
        <aside className="tpl-side">
          <TemplateMeta issues={shown} readOnly={readOnly} />
          <ZoneList issues={shown} readOnly={readOnly} />
          <ZoneProps issues={shown} readOnly={readOnly} labelRef={labelRef} />
        </aside>
      </div>
      <div className="muted small tpl-keys">{t('forms.editor.keys')}</div>
      {picking && (
        <SamplePicker
          onClose={() => setPicking(false)}
          onPicked={(draft) => {
            setPicking(false);
            ed.setSample(draft);
          }}
        />
      )}
      {leaving && (
        <ConfirmDialog
          title={t('forms.editor.discardTitle')}
          message={t('forms.editor.discardConfirm')}
          confirmText={t('forms.editor.discard')}
          danger
          onCancel={() => setLeaving(false)}
          onConfirm={() => {
            setLeaving(false);
            ed.close();
          }}
        />
      )}
    </div>
  );
}

/**
 * What the clerk sees: zone problems at once (they come from the clerk's own drawing),
 * blank names and titles only after a save was tried, and the server's word over both.
 */
function merge(own: Issues, server: Issues | null, tried: boolean, idEmpty: boolean): Issues {
  const meta = { ...own.meta };
  if (!tried) {
    delete meta.name;
    delete meta.titles;
    delete meta.zones;
    if (idEmpty) delete meta.id;
  }
  const zones = new Map(own.zones);
  if (server) {
    Object.assign(meta, server.meta);
    for (const [uid, e] of server.zones) zones.set(uid, { ...zones.get(uid), ...e });
  }
  return { meta, zones, count: own.count + (server?.count ?? 0) };
}
