// Plays a clip in the studio: a <video> on the studio's own short-lived media address, which answers range
// requests, so seeking works in the desktop window and in a browser alike.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClipView } from '../../../../electron/core/protocol/clip-schemas.ts';
import { studio } from '../../api/index.ts';
import { describeError } from '../../i18n/describe.ts';
import { useT } from '../../i18n/index.ts';
import { Dialog } from '../../ui/Dialog.tsx';

/** Fresh addresses asked for while one dialog is open (an address lasts half an hour): then the error is shown. */
const MAX_RETRIES = 3;

interface ClipPlayerProps {
  title: string;
  /** A fresh address (and the name to save it under): asked for on opening, and again when it expired. */
  load(): Promise<{ url: string; fileName: string }>;
  onClose(): void;
}

/** The player of one clip, titled by its name (the report and the console's timeline). */
export function PlayClip({ clip, name, onClose }: { clip: ClipView; name: string; onClose(): void }) {
  const { t } = useT();
  const load = () => studio.call('clips.play', { clipId: clip.id });
  return <ClipPlayer title={t('clips.playTitle', { name })} load={load} onClose={onClose} />;
}

export function ClipPlayer({ title, load: fetchSource, onClose }: ClipPlayerProps) {
  const tr = useT();
  const { t } = tr;
  const [source, setSource] = useState<{ url: string; fileName: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const retries = useRef(0);
  /** Where to pick up once a fresh address has loaded (set when the old one expired mid-play). */
  const resumeAt = useRef<number | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  // The first `load` given is the one used: the dialog plays one thing for as long as it is open.
  const fetchFirst = useRef(fetchSource);
  const load = useCallback(
    () => fetchFirst.current().then(setSource, (err: unknown) => setError(describeError(tr, err))),
    [tr],
  );

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
