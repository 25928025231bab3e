// Where the show goes: one card per destination (platform, masked address, whether a key is saved, on/off),
// and during a show what each one is doing. A destination of the running show stays in it (no switching off or
// removing); while it is not live its address and key may be replaced ("Replace key": a rejected key fixed
// without ending the show), while it is live they wait for the show to end (the core refuses both otherwise).
import { useState } from 'react';
import type { StreamDestination, StreamState } from '../../../../electron/core/protocol/contract.ts';
import { useT } from '../../i18n/index.ts';
import { notify } from '../../stores/notices.ts';
import { useStream } from '../../stores/stream.ts';
import { Button } from '../../ui/Button.tsx';
import { Switch } from '../../ui/Switch.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { streamCalls } from '../../stores/stream-calls.ts';
import { useCall } from '../../ui/useCall.ts';
import { PLATFORM_LABEL } from './describe.ts';
import { DestinationEditor, type ShowRole } from './DestinationEditor.tsx';
import { DestinationStatus } from './DestinationStatus.tsx';

interface Editing {
  destination: StreamDestination | null;
  /** Opened from "Replace key". */
  replacing: boolean;
  /** It was not live when opened: its key stays replaceable even if it goes live meanwhile (the core decides). */
  retarget: boolean;
}

/** What the editor may change of this destination now (see DestinationEditor's `showRole`). */
function showRoleOf(state: StreamState, editing: Editing): ShowRole {
  const live = state.destinations.find((d) => d.id === editing.destination?.id)?.live;
  if (!live) return null;
  return editing.retarget || live.phase !== 'live' ? 'retarget' : 'live';
}

function openEditor(destination: StreamDestination | null, replacing = false): Editing {
  return { destination, replacing, retarget: destination?.live ? destination.live.phase !== 'live' : false };
}

function DestinationCard({
  destination,
  running,
  onEdit,
  onReplaceKey,
  onRemove,
}: {
  destination: StreamDestination;
  running: boolean;
  onEdit(): void;
  onReplaceKey(): void;
  onRemove(): void;
}) {
  const { t } = useT();
  const { call, busy: switching } = useCall();
  const inShow = destination.live !== null;

  async function setEnabled(enabled: boolean): Promise<void> {
    const saved = await call('stream.saveDestination', {
      id: destination.id,
      input: { name: destination.name, platform: destination.platform, enabled },
    });
    if (saved) useStream.getState().applyDestination(saved);
  }

  return (
    <li
      className={`stream-dest ${destination.enabled ? '' : 'is-off'}`}
      data-testid="destination"
      data-id={destination.id}
      aria-label={destination.name}
    >
      <div className="stream-dest__head">
        <h3 className="stream-dest__name">{destination.name}</h3>
        <span className="badge stream-dest__platform">{t(PLATFORM_LABEL[destination.platform])}</span>
        <div className="stream-dest__actions">
          <Switch
            checked={destination.enabled}
            label={t('stream.dest.enabled')}
            disabled={switching || inShow}
            onChange={(enabled) => void setEnabled(enabled)}
          />
          <Button size="small" onClick={onEdit} aria-label={t('stream.dest.editNamed', { name: destination.name })}>
            {t('stream.dest.edit')}
          </Button>
          <Button
            size="small"
            variant="ghost"
            onClick={onRemove}
            disabled={inShow}
            aria-label={t('stream.dest.removeNamed', { name: destination.name })}
          >
            {t('stream.dest.remove')}
          </Button>
        </div>
      </div>
      <p className="stream-dest__url">
        <span className="mono" data-testid="destination-url">
          {destination.maskedUrl}
        </span>
        {destination.hasKey ? (
          <span className="stream-dest__key">
            <span aria-hidden="true">✓</span> {t('stream.dest.keySaved')}
          </span>
        ) : (
          <span className="stream-dest__key is-missing">
            <span aria-hidden="true">⚠</span> {t('stream.dest.keyMissing')}
          </span>
        )}
      </p>
      {destination.live ? (
        <DestinationStatus destination={destination} live={destination.live} onReplaceKey={onReplaceKey} />
      ) : running && destination.enabled ? (
        <p className="muted stream-dest__note">{t('stream.dest.notInShow')}</p>
      ) : null}
    </li>
  );
}

export function DestinationList({ state }: { state: StreamState }) {
  const { t } = useT();
  const { run, busy } = useCall();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [removing, setRemoving] = useState<StreamDestination | null>(null);
  const running = state.phase === 'starting' || state.phase === 'live' || state.phase === 'stopping';

  async function remove(destination: StreamDestination): Promise<void> {
    if (!(await run(() => streamCalls.remove(destination.id)))) return;
    notify('success', t('stream.dest.removed', { name: destination.name }));
    setRemoving(null);
  }

  return (
    <section className="stream-panel stream-dests" aria-labelledby="stream-dests-title">
      <header className="stream-panel__header">
        <h2 id="stream-dests-title" className="stream-panel__title">
          {t('stream.dests.title')}
        </h2>
        <Button size="small" variant="primary" onClick={() => setEditing(openEditor(null))}>
          <span aria-hidden="true">+</span> {t('stream.dests.add')}
        </Button>
      </header>
      {state.destinations.length === 0 ? (
        <p className="muted stream-dests__empty">{t('stream.dests.empty')}</p>
      ) : (
        <ul className="stream-dests__list">
          {state.destinations.map((destination) => (
            <DestinationCard
              key={destination.id}
              destination={destination}
              running={running}
              onEdit={() => setEditing(openEditor(destination))}
              onReplaceKey={() => setEditing(openEditor(destination, true))}
              onRemove={() => setRemoving(destination)}
            />
          ))}
        </ul>
      )}
      {editing ? (
        <DestinationEditor
          key={editing.destination?.id ?? 'new'}
          destination={editing.destination}
          showRole={showRoleOf(state, editing)}
          replacing={editing.replacing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={t('stream.dest.removeTitle', { name: removing.name })}
          confirmLabel={t('stream.dest.remove')}
          danger
          busy={busy}
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
        >
          <p>{t('stream.dest.removeBody')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
