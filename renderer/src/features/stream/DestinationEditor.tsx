// Add or edit a destination in the shared editor frame (Enter or Ctrl/Cmd+S saves, Esc asks first when
// something changed). The platform fills in its server address when it has one for everyone. The stream key is a
// secret: typed into a password field (with a show toggle while typing), never filled in again on edit — the
// core keeps the saved one when the field is left empty. During a show a destination that is not live may get a
// new key and address (its publisher restarts with them, the show goes on); one that is live only a new name.
import { useId, useState } from 'react';
import type { Platform, StreamDestination } from '../../../../electron/core/protocol/contract.ts';
import type { Issue } from '../../../../electron/core/protocol/errors.ts';
import { PLATFORM_PRESETS } from '../../../../electron/core/protocol/stream-presets.ts';
import { PLATFORMS } from '../../../../electron/core/protocol/choices.ts';
import { isCallError } from '../../api/index.ts';
import { describeIssue } from '../../i18n/describe.ts';
import { useT } from '../../i18n/index.ts';
import { notify } from '../../stores/notices.ts';
import { useStream } from '../../stores/stream.ts';
import { EditorDialog, type EditorDialogTexts } from '../../ui/form/EditorDialog.tsx';
import type { FormError } from '../../ui/form/useVersionedForm.ts';
import { InputField } from '../../ui/Field.tsx';
import { Switch } from '../../ui/Switch.tsx';
import { useCall } from '../../ui/useCall.ts';
import { PLATFORM_LABEL, serverAddressOf } from './describe.ts';

const EDIT_TEXTS: EditorDialogTexts = {
  edit: 'stream.editor.edit',
  new: 'stream.editor.new',
  saveHint: 'stream.editor.saveHint',
  cancel: 'stream.editor.cancel',
  save: 'stream.editor.save',
  saving: 'stream.editor.saving',
  dirtyClose: 'stream.editor.dirtyClose',
  discard: 'stream.editor.discard',
  keepEditing: 'stream.editor.keepEditing',
};
const REPLACE_TEXTS: EditorDialogTexts = { ...EDIT_TEXTS, edit: 'stream.editor.replaceTitle' };

/**
 * A destination of the running show: 'live' — being streamed to, only the name may change until the show ends;
 * 'retarget' — not live, so its address and key may be replaced now. Neither may be switched off or moved to
 * another platform. Null: not in a show.
 */
export type ShowRole = 'live' | 'retarget' | null;

interface Values {
  platform: Platform;
  name: string;
  serverUrl: string;
  streamKey: string;
  enabled: boolean;
}
type Field = keyof Values;
type Problems = Partial<Record<Field, string>>;

const FIELD_OF_PATH: Record<string, Field> = {
  'input.name': 'name',
  'input.platform': 'platform',
  'input.serverUrl': 'serverUrl',
  'input.streamKey': 'streamKey',
};

interface DestinationEditorProps {
  destination: StreamDestination | null;
  showRole: ShowRole;
  /** Opened from "Replace key": titled so, the key field first and required. */
  replacing: boolean;
  onClose(): void;
}

export function DestinationEditor({ destination, showRole, replacing, onClose }: DestinationEditorProps) {
  const tr = useT();
  const { t } = tr;
  const keyId = useId();
  const [values, setValues] = useState<Values>(() =>
    destination
      ? {
          platform: destination.platform,
          name: destination.name,
          serverUrl: serverAddressOf(destination),
          streamKey: '',
          enabled: destination.enabled,
        }
      : {
          platform: 'custom',
          name: t(PLATFORM_LABEL.custom),
          serverUrl: '',
          streamKey: '',
          enabled: true,
        },
  );
  const [dirty, setDirty] = useState<ReadonlySet<Field>>(new Set());
  const [problems, setProblems] = useState<Problems>({});
  const [formError, setFormError] = useState<FormError | null>(null);
  const [showKey, setShowKey] = useState(false);
  const inShow = showRole !== null;
  const targetLocked = showRole === 'live';

  function set(patch: Partial<Values>): void {
    setValues((v) => ({ ...v, ...patch }));
    setDirty((d) => new Set([...d, ...(Object.keys(patch) as Field[])]));
    setProblems((p) => {
      const next = { ...p };
      for (const field of Object.keys(patch) as Field[]) delete next[field];
      return next;
    });
    setFormError(null);
  }

  function choosePlatform(platform: Platform): void {
    const before = values.platform;
    const patch: Partial<Values> = { platform };
    // Whatever the previous platform filled in (or nothing at all) follows the choice; typed text stays.
    const oldUrl = PLATFORM_PRESETS[before].serverUrl ?? '';
    if (values.serverUrl.trim() === '' || values.serverUrl === oldUrl) {
      patch.serverUrl = PLATFORM_PRESETS[platform].serverUrl ?? '';
    }
    if (values.name.trim() === '' || values.name === t(PLATFORM_LABEL[before])) {
      patch.name = t(PLATFORM_LABEL[platform]);
    }
    set(patch);
  }

  /** The core's refusal: each field's first problem beside it, the rest (or a refusal as a whole) on the form's line. */
  function refused(message: string, error: unknown): void {
    if (isCallError(error) && error.issues.length > 0) {
      const fields: Problems = {};
      const other: Issue[] = [];
      for (const issue of error.issues) {
        const field = FIELD_OF_PATH[issue.path];
        if (field && !fields[field]) fields[field] = describeIssue(tr, issue);
        else if (!field) other.push(issue);
      }
      setProblems(fields);
      setFormError({
        text: error.code === 'refused' ? message : t('stream.editor.fixFields'),
        issues: error.code === 'refused' ? [] : other,
      });
    } else {
      setFormError({ text: message, issues: [] });
    }
  }
  const { call, busy: saving } = useCall({ onError: refused });

  async function save(): Promise<void> {
    if (saving) return;
    const own: Problems = {};
    if (values.name.trim() === '') own.name = t('stream.editor.nameRequired');
    if (values.serverUrl.trim() === '') own.serverUrl = t('stream.editor.serverRequired');
    if (!destination && values.streamKey.trim() === '') own.streamKey = t('stream.editor.keyRequired');
    if (replacing && values.streamKey.trim() === '' && !dirty.has('serverUrl')) {
      own.streamKey = t('stream.editor.newKeyRequired');
    }
    if (Object.keys(own).length > 0) {
      setProblems(own);
      setFormError({ text: t('stream.editor.fixFields'), issues: [] });
      return;
    }
    if (destination && dirty.size === 0) {
      notify('info', t('stream.editor.nothingChanged'));
      onClose();
      return;
    }
    setFormError(null);
    const key = values.streamKey.trim();
    const saved = await call('stream.saveDestination', {
      ...(destination ? { id: destination.id } : {}),
      input: {
        name: values.name.trim(),
        platform: values.platform,
        // Unchanged on edit: left out, so the core keeps the address it has (the page only knows it masked).
        ...(destination && !dirty.has('serverUrl') ? {} : { serverUrl: values.serverUrl.trim() }),
        ...(key ? { streamKey: key } : {}),
        enabled: values.enabled,
      },
    });
    if (!saved) return;
    useStream.getState().applyDestination(saved);
    const retargeted = showRole === 'retarget' && (key !== '' || dirty.has('serverUrl'));
    const done = retargeted ? 'stream.editor.replaced' : destination ? 'stream.editor.saved' : 'stream.editor.added';
    notify('success', t(done, { name: saved.name }));
    onClose();
  }

  const preset = PLATFORM_PRESETS[values.platform];
  const platformName = t(PLATFORM_LABEL[values.platform]);
  const serverHint = [
    preset.serverUrl ? t('stream.editor.serverPreset', { platform: platformName }) : t('stream.editor.serverHint'),
    preset.rtmpsOnly ? t('stream.editor.rtmpsOnly') : '',
  ]
    .filter(Boolean)
    .join(' ');
  // Replacing, the saved key is the one that failed: "leave empty to keep it" is not the advice.
  const keepKey = Boolean(destination?.hasKey) && !replacing;
  const keyHint = keepKey ? t('stream.editor.keyKeep') : t('stream.editor.keyHint');
  const keyDescribedBy = [problems.streamKey ? `${keyId}-error` : '', `${keyId}-hint`].filter(Boolean).join(' ');

  return (
    <EditorDialog
      form={{ base: destination, dirty, saving, notice: null, formError, save }}
      texts={replacing ? REPLACE_TEXTS : EDIT_TEXTS}
      onClose={onClose}
      conflict={
        inShow ? (
          <p className="callout callout--info" role="status">
            {t(targetLocked ? 'stream.editor.inShow' : 'stream.editor.retarget')}
          </p>
        ) : null
      }
      className="stream-editor"
      formClassName="product-form stream-editor__form"
    >
      <div className="field">
        <label className="field__label" htmlFor={`${keyId}-platform`}>
          {t('stream.editor.platform')}
        </label>
        <select
          id={`${keyId}-platform`}
          className="field__input"
          value={values.platform}
          disabled={inShow}
          data-autofocus={destination ? undefined : true}
          onChange={(e) => choosePlatform(e.currentTarget.value as Platform)}
        >
          {PLATFORMS.map((platform) => (
            <option key={platform} value={platform}>
              {t(PLATFORM_LABEL[platform])}
            </option>
          ))}
        </select>
      </div>
      <InputField
        label={t('stream.editor.name')}
        name="name"
        value={values.name}
        error={problems.name}
        maxLength={40}
        autoComplete="off"
        required
        data-autofocus={destination && !replacing ? true : undefined}
        onChange={(e) => set({ name: e.currentTarget.value })}
      />
      <InputField
        label={t('stream.editor.server')}
        name="serverUrl"
        value={values.serverUrl}
        error={problems.serverUrl}
        hint={serverHint}
        placeholder="rtmp://"
        autoComplete="off"
        spellCheck={false}
        inputMode="url"
        disabled={targetLocked}
        onChange={(e) => set({ serverUrl: e.currentTarget.value })}
      />
      <div className={`field ${problems.streamKey ? 'field--invalid' : ''}`}>
        <label className="field__label" htmlFor={keyId}>
          {t('stream.editor.key')}
        </label>
        <div className="stream-editor__key">
          <input
            id={keyId}
            className="field__input mono"
            name="streamKey"
            type={showKey ? 'text' : 'password'}
            value={values.streamKey}
            placeholder={keepKey ? t('stream.editor.keyPlaceholderKeep') : ''}
            autoComplete="new-password"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            disabled={targetLocked}
            data-autofocus={replacing ? true : undefined}
            aria-invalid={problems.streamKey ? true : undefined}
            aria-describedby={keyDescribedBy}
            onChange={(e) => set({ streamKey: e.currentTarget.value })}
          />
          <button
            type="button"
            className="btn btn--small"
            aria-pressed={showKey}
            aria-controls={keyId}
            disabled={targetLocked}
            onClick={() => setShowKey((s) => !s)}
          >
            {showKey ? t('stream.editor.hideKey') : t('stream.editor.showKey')}
          </button>
        </div>
        {problems.streamKey ? (
          <p id={`${keyId}-error`} className="field__error">
            {problems.streamKey}
          </p>
        ) : null}
        <p id={`${keyId}-hint`} className="field__hint">
          {keyHint}
        </p>
      </div>
      <Switch
        checked={values.enabled}
        label={t('stream.editor.enabled')}
        detail={t('stream.editor.enabledHint')}
        disabled={inShow}
        onChange={(enabled) => set({ enabled })}
      />
    </EditorDialog>
  );
}
