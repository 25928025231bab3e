// `livecart stream --overlay`: the studio's overlay in the CLI's picture, drawn from a data folder's live show. The
// studio (a window, or `livecart serve`) may be running on that folder and changing the show: its commits are seen
// through SQLite's data_version (it changes when another connection commits), polled ten times a second, and the
// overlay is drawn again — the same drawing, the same files, as inside the studio. Nothing is written to the
// database; no folder lock is taken (the studio keeps its own).
import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE, openDatabase } from '../db/connection.ts';
import { Writer } from '../db/writer.ts';
import { CouponStore } from '../coupons/coupon-store.ts';
import { onAirOf } from '../live/live-service.ts';
import { LiveStore } from '../live/live-store.ts';
import { ImageStore } from '../media/image-store.ts';
import { OverlayService } from '../overlay/overlay-service.ts';
import { OverlayStore } from '../overlay/overlay-store.ts';
import type { OverlayFeed } from '../stream/stream-overlay.ts';

const FOLLOW_MS = 100;

export interface FolderOverlay {
  feed: OverlayFeed;
  close(): Promise<void>;
}

/** Null when the folder holds no studio database (nothing to draw from). */
export function openFolderOverlay(dataDir: string): FolderOverlay | null {
  const file = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(file)) return null;
  const db = openDatabase(file, { waitForLocks: true });
  const nobody = () => undefined; // nobody listens here: the picture is the only face
  const writer = new Writer(db, nobody);
  const images = new ImageStore(db, dataDir, writer);
  const live = new LiveStore(db);
  const coupons = new CouponStore(db);
  const overlay = new OverlayService(
    new OverlayStore(db),
    writer,
    nobody,
    {
      onAir: () => onAirOf(live),
      coupon: (id) => coupons.get(id) ?? null,
      imageBytes: (id) => images.original(id)?.bytes ?? null,
      imageExists: (id) => images.exists(id),
    },
    { dataDir },
  );
  const version = db.prepare<[], number>('PRAGMA data_version').pluck();
  let seen = version.get();
  const follow = setInterval(() => {
    const now = version.get();
    if (now === seen) return;
    seen = now;
    overlay.sceneMayHaveChanged();
  }, FOLLOW_MS);
  return {
    feed: overlay,
    async close() {
      clearInterval(follow);
      await overlay.dispose();
      writer.close();
      db.close();
    },
  };
}
