// Plays a clip in the studio: a <video> on the studio's own short-lived media address, which answers range
// requests, so seeking works in the desktop window and in a browser alike.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClipView } from '../../../../electron/core/protocol/clip-schemas.ts';
import { useT } from '../../i18n/index.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { useCall } from '../../ui/useCall.ts';

/** Fresh addresses asked for while one dialog is open (an address lasts half an hour): then the error is shown. */
const MAX_RETRIES = 3;

/** The call that answers with a fresh address (and the name to save it under): a clip's, or the show's long video's. */
type PlayerSource =
  { method: 'clips.play'; params: { clipId: number } } | { method: 'clips.reelFile'; params: { sessionId: number } };

interface ClipPlayerProps {
  title: string;
  /** Asked on opening, and again when the address expired. */
  source: PlayerSource;
  onClose(): void;
}

/** The player of one clip, titled by its name (the report and the console's timeline). */
export function PlayClip({ clip, name, onClose }: { clip: ClipView; name: string; onClose(): void }) {
  const { t } = useT();
  const source: PlayerSource = { method: 'clips.play', params: { clipId: clip.id } };
  return <ClipPlayer title={t('clips.playTitle', { name })} source={source} onClose={onClose} />;
}

export function ClipPlayer({ title, source: asked, onClose }: ClipPlayerProps) {
  const { t } = useT();
  const [source, setSource] = useState<{ url: string; fileName: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { call } = useCall({ onError: setError });
  const retries = useRef(0);
  /** Where to pick up once a fresh address has loaded (set when the old one expired mid-play). */
  const resumeAt = useRef<number | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  // The first `source` given is the one used: the dialog plays one thing for as long as it is open.
  const first = useRef(asked);
  const load = useCallback(async () => {
    const { method, params } = first.current;
    const found = await call(method, params);
    if (found) setSource(found);
  }, [call]);

  useEffect(() => {
    void load();
  }, [load]);

  // The address expires after a while: a long pause then a seek fails once, and a fresh address picks up there.
  const onError = () => {
    if (retries.current >= MAX_RETRIES) {
      setError(t('clips.playFailed', { message: video.current?.error?.message || t('clips.mediaError') }));
      return;
    }
    retries.current += 1;
    resumeAt.current = video.current?.currentTime ?? 0;
    void load();
  };
  // The new address's picture is loaded: back where it was.
  const onLoadedMetadata = () => {
    if (resumeAt.current !== null && video.current) video.current.currentTime = resumeAt.current;
    resumeAt.current = null;
  };

  return (
    <Dialog title={title} onRequestClose={onClose} closeLabel={t('common.close')}>
      {error ? (
        <p className="callout callout--danger" role="alert">
          {error}
        </p>
      ) : null}
      {source ? (
        <>
          <video
            ref={video}
            className="clip-player"
            src={source.url}
            controls
            autoPlay
            playsInline
            onError={onError}
            onLoadedMetadata={onLoadedMetadata}
            data-testid="clip-video"
          />
          <p>
            <a href={source.url} download={source.fileName}>
              {t('clips.download')} · {source.fileName}
            </a>
          </p>
        </>
      ) : null}
    </Dialog>
  );
}
