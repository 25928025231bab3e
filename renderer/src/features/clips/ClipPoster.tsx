// A clip's poster frame. The core makes a poster the first time it is asked for (one ffmpeg run), so a report of
// forty clips asks one at a time rather than starting forty encoders on the host's machine at once.
import { useEffect, useState } from 'react';
import type { ClipView } from '../../../../electron/core/protocol/clip-schemas.ts';
import { studio } from '../../api/index.ts';
import { useT } from '../../i18n/index.ts';

let queue: Promise<unknown> = Promise.resolve();

/** The poster's URL, asked for after every poster asked before it. */
function posterUrl(clipId: number): Promise<string | null> {
  // studio.call, not useCall: one queue for the whole page, outside any component; a missing poster says nothing.
  const next = queue.then(() => studio.call('clips.poster', { clipId }).then((r) => r.url));
  queue = next.catch(() => null);
  return next.catch(() => null);
}

export function ClipPoster({ clip, name }: { clip: ClipView; name: string }) {
  const { t } = useT();
  // Kept with the clip it belongs to: a re-cut (a new clip id) shows no stale poster while its own is made.
  const [poster, setPoster] = useState<{ clipId: number; url: string | null } | null>(null);
  const url = poster?.clipId === clip.id ? poster.url : null;
  useEffect(() => {
    let live = true;
    void posterUrl(clip.id).then((found) => {
      if (live) setPoster({ clipId: clip.id, url: found });
    });
    return () => {
      live = false;
    };
    // A re-cut is a new clip (a new id): its poster is asked for again.
  }, [clip.id]);
  return url ? (
    <img className="clip-card__poster" src={url} alt={t('clips.poster', { name })} />
  ) : (
    <span className="clip-card__poster clip-card__poster--none" aria-hidden="true" />
  );
}
