// 画面叠加层 on the stream screen: what viewers see over the picture (the card of the product explained, the pushed
// coupon, the logo, a scrolling line), its preview as it goes out, where each element sits in the landscape and
// the vertical layout, its colours and language, and the OBS page's link. Each change is saved at once.
import { useState } from 'react';
import type {
  OverlayAnchor,
  OverlayLayout,
  OverlaySettings,
  OverlayState,
} from '../../../../electron/core/protocol/overlay-schemas.ts';
import { OVERLAY_ANCHORS } from '../../../../electron/core/protocol/choices.ts';
import type { StreamState } from '../../../../electron/core/protocol/contract.ts';
import { describeError } from '../../i18n/describe.ts';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { notify } from '../../stores/notices.ts';
import { useOverlay } from '../../stores/overlay.ts';
import { Switch } from '../../ui/Switch.tsx';
import { ImageField } from '../catalog/editor/ImageField.tsx';
import { PRESET_SIZES } from '../../../../electron/core/protocol/stream-presets.ts';
import { ObsLink } from './ObsLink.tsx';
import { OverlayPreview } from './OverlayPreview.tsx';

type Orientation = 'landscape' | 'vertical';
type Placed = 'card' | 'coupon' | 'logo';
const SCALES = [0.75, 1, 1.25, 1.5] as const;
const SPEEDS = [
  [60, 'overlay.speed.slow'],
  [120, 'overlay.speed.normal'],
  [200, 'overlay.speed.fast'],
] as const;

function useSave() {
  const tr = useT();
  return (settings: OverlaySettings) =>
    useOverlay
      .getState()
      .save(settings)
      .catch((error: unknown) => notify('error', tr.t('overlay.saveFailed', { message: describeError(tr, error) })));
}

function ElementRow({
  name,
  layout,
  limit,
  onChange,
}: {
  name: Placed;
  layout: OverlayLayout;
  /** The largest size the running show gives it; null without a show in this layout. */
  limit: number | null;
  onChange(layout: OverlayLayout): void;
}) {
  const { t } = useT();
  const element = layout[name];
  const limited = element.on && limit !== null && element.scale > limit;
  const set = (patch: Partial<typeof element>) => onChange({ ...layout, [name]: { ...element, ...patch } });
  return (
    <div className="overlay-element" data-testid={`overlay-element-${name}`}>
      <Switch checked={element.on} label={t(`overlay.element.${name}`)} onChange={(on) => set({ on })} />
      <label className="overlay-element__field">
        <span>{t('overlay.anchor')}</span>
        <select
          value={element.anchor}
          disabled={!element.on}
          onChange={(e) => set({ anchor: e.target.value as OverlayAnchor })}
        >
          {OVERLAY_ANCHORS.map((anchor) => (
            <option key={anchor} value={anchor}>
              {t(`overlay.anchor.${anchor}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label className="overlay-element__field">
        <span>{t('overlay.scale')}</span>
        <select value={element.scale} disabled={!element.on} onChange={(e) => set({ scale: Number(e.target.value) })}>
          {SCALES.map((scale) => (
            <option key={scale} value={scale}>
              {Math.round(scale * 100)}%
            </option>
          ))}
        </select>
      </label>
      {limited && (
        <p className="overlay-element__note" role="status" data-testid={`overlay-limit-${name}`}>
          {t('overlay.scaleLimited', { size: `${Math.round(limit * 100)}%` })}
        </p>
      )}
    </div>
  );
}

function TickerText({ settings, onSave }: { settings: OverlaySettings; onSave(settings: OverlaySettings): void }) {
  const { t } = useT();
  // Keyed by the saved words (below): a change from elsewhere starts the field again from it.
  const [text, setText] = useState(settings.tickerText);
  const commit = () => {
    if (text !== settings.tickerText) onSave({ ...settings, tickerText: text });
  };
  return (
    <label className="field overlay-ticker">
      <span className="field__label">{t('overlay.tickerText')}</span>
      <input
        className="input"
        value={text}
        maxLength={200}
        data-testid="overlay-ticker-text"
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      <span className="field__hint">{t('overlay.tickerHint')}</span>
    </label>
  );
}

function Controls({ state, orientation }: { state: OverlayState; orientation: Orientation }) {
  const { t } = useT();
  const save = useSave();
  const { settings } = state;
  // Keyed by the stream's orientation (below): switching the preset starts on its layout.
  const [editing, setEditing] = useState<Orientation>(orientation);
  const layout = settings[editing];
  const setLayout = (next: OverlayLayout) => save({ ...settings, [editing]: next });
  return (
    <div className="overlay-controls">
      <div className="overlay-controls__layout" role="radiogroup" aria-label={t('overlay.editing')}>
        {(['landscape', 'vertical'] as const).map((o) => (
          <button
            key={o}
            type="button"
            role="radio"
            aria-checked={editing === o}
            className={`chip ${editing === o ? 'is-selected' : ''}`}
            onClick={() => setEditing(o)}
          >
            {t(`overlay.layout.${o}`)}
          </button>
        ))}
      </div>
      {(['card', 'coupon', 'logo'] as const).map((name) => (
        <ElementRow
          key={name}
          name={name}
          layout={layout}
          limit={state.showLimits?.orientation === editing ? state.showLimits[name] : null}
          onChange={setLayout}
        />
      ))}
      <div className="overlay-element" data-testid="overlay-element-ticker">
        <Switch
          checked={layout.ticker.on}
          label={t('overlay.element.ticker')}
          onChange={(on) => setLayout({ ...layout, ticker: { ...layout.ticker, on } })}
        />
        <label className="overlay-element__field">
          <span>{t('overlay.edge')}</span>
          <select
            value={layout.ticker.edge}
            disabled={!layout.ticker.on}
            onChange={(e) =>
              setLayout({ ...layout, ticker: { ...layout.ticker, edge: e.target.value as 'top' | 'bottom' } })
            }
          >
            <option value="top">{t('overlay.edge.top')}</option>
            <option value="bottom">{t('overlay.edge.bottom')}</option>
          </select>
        </label>
        <label className="overlay-element__field">
          <span>{t('overlay.tickerSpeed')}</span>
          <select
            value={settings.tickerSpeed}
            onChange={(e) => save({ ...settings, tickerSpeed: Number(e.target.value) })}
          >
            {SPEEDS.map(([speed, key]) => (
              <option key={speed} value={speed}>
                {t(key)}
              </option>
            ))}
            {SPEEDS.some(([speed]) => speed === settings.tickerSpeed) ? null : (
              <option value={settings.tickerSpeed}>{settings.tickerSpeed}</option>
            )}
          </select>
        </label>
      </div>
      <TickerText key={settings.tickerText} settings={settings} onSave={save} />
      <div className="overlay-look">
        <label className="overlay-element__field">
          <span>{t('overlay.theme')}</span>
          <select
            value={settings.theme}
            onChange={(e) => save({ ...settings, theme: e.target.value as 'light' | 'dark' })}
          >
            <option value="light">{t('overlay.theme.light')}</option>
            <option value="dark">{t('overlay.theme.dark')}</option>
          </select>
        </label>
        <label className="overlay-element__field">
          <span>{t('overlay.accent')}</span>
          <input
            type="color"
            value={settings.accent.toLowerCase()}
            onChange={(e) => save({ ...settings, accent: e.target.value.toUpperCase() })}
          />
        </label>
        <label className="overlay-element__field">
          <span>{t('overlay.language')}</span>
          <select
            value={settings.language}
            onChange={(e) => save({ ...settings, language: e.target.value as 'zh-CN' | 'en' })}
          >
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </label>
      </div>
      <ImageField
        imageId={settings.logoImageId}
        title={t('overlay.logoAlt')}
        label={t('overlay.logo')}
        alt={t('overlay.logoAlt')}
        issue={undefined}
        onIssue={(issue) => issue && notify('error', t('overlay.saveFailed', { message: issue.code }))}
        onChange={(logoImageId) => save({ ...settings, logoImageId })}
      />
    </div>
  );
}

export function OverlayPanel({ stream }: { stream: StreamState }) {
  const { t } = useT();
  const state = useOverlay((s) => s.state);
  const save = useSave();
  if (!state) return null;
  const size = PRESET_SIZES[stream.settings.preset];
  const orientation: Orientation = size.width >= size.height ? 'landscape' : 'vertical';
  const running = stream.phase === 'live' || stream.phase === 'starting';
  return (
    <section className="panel overlay-panel" aria-labelledby="overlay-title" data-testid="overlay-panel">
      <h2 id="overlay-title" className="panel__title">
        {t('overlay.title')}
      </h2>
      <p className="muted">{t('overlay.intro')}</p>
      {running && stream.overlay === 'unavailable' ? (
        <p className="callout callout--warning" role="alert">
          {t('overlay.notComposited')}
        </p>
      ) : null}
      <Switch
        checked={state.settings.enabled}
        label={t('overlay.enabled')}
        onChange={(enabled) => save({ ...state.settings, enabled })}
      />
      <div className="overlay-panel__body">
        <figure className="overlay-panel__preview">
          <OverlayPreview state={state} size={size} />
          <figcaption className="muted">
            {t('overlay.previewCaption', { layout: t(`overlay.layout.${orientation}`) })}
          </figcaption>
        </figure>
        <Controls key={orientation} state={state} orientation={orientation} />
      </div>
      <ObsLink />
    </section>
  );
}
