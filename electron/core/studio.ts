// The composition root: opens a data directory and wires every domain to the protocol server.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE, openDatabase, type Db } from './db/connection.ts';
import { prepareDataFolder } from './system/data-folder.ts';
import { holdForCommand, lockDataFolder } from './system/studio-lock.ts';
import { Writer } from './db/writer.ts';
import { ImageStore } from './media/image-store.ts';
import { PROTOCOL_VERSION } from './protocol/contract.ts';
import { capabilitiesOf, StudioServer } from './rpc/server.ts';
import { CatalogService } from './catalog/catalog-service.ts';
import { registerCatalog } from './catalog/catalog-handlers.ts';
import { JobRunner } from './jobs/job-runner.ts';
import { registerLive } from './live/live-handlers.ts';
import { LiveService } from './live/live-service.ts';
import { CouponService } from './coupons/coupon-service.ts';
import { registerCoupons } from './coupons/coupon-handlers.ts';
import { AccessService } from './access/access-service.ts';
import { registerAccess } from './access/access-handlers.ts';
import { APP_VERSION } from './system/app-version.ts';
import { loadOrCreateKeyFile, SecretBox, SECRET_KEY_FILE, WRAPPED_KEY_FILE } from './system/secret-box.ts';
import { registerStream } from './stream/stream-handlers.ts';
import { ShowService } from './show/show-service.ts';
import { registerShow } from './show/show-handlers.ts';
import { OverlayService, SCENE_EVENTS } from './overlay/overlay-service.ts';
import { StudioEvents } from './events.ts';
import { OverlayStore } from './overlay/overlay-store.ts';
import { registerOverlay } from './overlay/overlay-handlers.ts';
import { registerHotkeys } from './hotkeys/hotkeys-handlers.ts';
import { HotkeyService } from './hotkeys/hotkeys-service.ts';
import { StreamService } from './stream/stream-service.ts';
import { OrderService } from './orders/order-service.ts';
import { registerOrders } from './orders/order-handlers.ts';
import { orderDeps } from './order-wiring.ts';
import { registerClips } from './clips/clip-handlers.ts';
import { ClipService } from './clips/clip-service.ts';
import { AutoClips } from './clips/auto-clips.ts';
import { ReelService } from './clips/reel-service.ts';
import { MediaTickets } from './media/media-tickets.ts';
import { orderViews } from './orders/order-views.ts';
import { registerUploads } from './uploads/upload-handlers.ts';
import { UploadStore } from './uploads/upload-store.ts';
import { ShopService } from './shop/shop-service.ts';
import { registerShop } from './shop/shop-handlers.ts';

export interface StudioOptions {
  dataDir: string;
  appVersion?: string;
  /**
   * One studio per data folder (the default): a second is refused with who has it. CLI commands beside a running
   * studio pass false: they run beside it and beside each other, waiting their turn for the database, and only a
   * restore keeps them out (see holdForCommand).
   */
  exclusive?: boolean;
  /**
   * The 32-byte data key that seals secrets at rest (stream keys; see system/secret-box.ts). The desktop app's
   * main process keeps it protected by Electron's safeStorage and passes it here; without it (`livecart serve`,
   * tests) the core uses a random key in `DATA_DIR/secret.key`, created owner-only (0600).
   */
  secretKey?: Buffer;
  /** The desktop app's keychain holds the data key but cannot open it now: stream keys stay closed (not replaced). */
  secretsLocked?: boolean;
  /**
   * The key that signs media tickets (clips played in the studio). The desktop app's main process makes one per
   * launch and checks tickets with it in its app:// protocol; without it the core makes its own.
   */
  mediaKey?: Buffer;
}

export interface Studio {
  server: StudioServer;
  dataDir: string;
  db: Db;
  /** Every domain writes through it (group commit: see db/writer.ts). */
  writer: Writer;
  catalog: CatalogService;
  live: LiveService;
  coupons: CouponService;
  /** Assistant access from the LAN: devices, tokens, and the LAN listener's lifecycle. */
  access: AccessService;
  /** Going live (host only): destinations, settings, and the running show. */
  stream: StreamService;
  /** What viewers see over the picture: settings, the scene from the live show, the show's overlay files. */
  overlay: OverlayService;
  /** The order log (订单): taking orders, stock, statuses, exports and batch shipping. */
  orders: OrderService;
  /** The 微信小店 connection: its products and orders in, while a show is live every few seconds. */
  shop: ShopService;
  clips: ClipService;
  /** The show's long video (合集) made of its explanations. */
  reels: ReelService;
  /** Short-lived tickets to play the data folder's clips over HTTP (host/media-tickets.ts). */
  media: MediaTickets;
  jobs: JobRunner;
  close(): Promise<void>;
}

export { DB_FILE };

export async function openStudio(options: StudioOptions): Promise<Studio> {
  const dataDir = path.resolve(options.dataDir);
  prepareDataFolder(dataDir);
  const lock = options.exclusive === false ? holdForCommand(dataDir) : lockDataFolder(dataDir);
  let db: Db;
  let secrets: SecretBox;
  try {
    db = openDatabase(path.join(dataDir, DB_FILE), { waitForLocks: options.exclusive === false });
  } catch (error) {
    lock.release();
    throw error;
  }
  try {
    secrets = options.secretsLocked
      ? SecretBox.locked()
      : options.secretKey
        ? new SecretBox(options.secretKey, 'keychain')
        : keyFileOrDesktop(dataDir);
  } catch (error) {
    db.close();
    lock.release();
    throw error;
  }
  const server = new StudioServer();
  // Every client hears of each change; the domains that follow others' changes subscribe to the names they need.
  const events = new StudioEvents((name, data, audience) => server.emit(name, data, audience));
  const publish = events.publish;
  const uploads = new UploadStore();
  registerUploads(server, uploads);
  const writer = new Writer(db, publish);
  // Snapshots (a list with its event number) are read once the open group has committed and its events are numbered.
  server.settleWith(() => writer.whenCommitted());
  const catalog = new CatalogService(db, new ImageStore(db, dataDir, writer), publish, writer);
  const jobs = new JobRunner(publish, Date.now, path.join(dataDir, 'tmp'));

  server.handle('studio.hello', (_params, ctx) =>
    server.snapshot(() => ({
      protocol: PROTOCOL_VERSION,
      appVersion: options.appVersion ?? APP_VERSION,
      role: ctx.role,
      capabilities: capabilitiesOf(ctx),
      serverTime: Date.now(),
      dataDir: ctx.role === 'host' ? dataDir : '',
      catalog: catalog.store.counts(),
    })),
  );
  server.handle('jobs.list', (_params, ctx) => jobs.list(ctx));
  server.handle('jobs.result', ({ id }, ctx) => {
    const file = jobs.wholeFile(id, ctx);
    return { fileName: file.fileName, mime: file.mime, dataBase64: file.bytes.toString('base64') };
  });
  server.handle('jobs.cancel', ({ id }, ctx) => {
    jobs.cancel(id, ctx);
    return {};
  });
  server.handle('jobs.resultChunk', ({ id, offset, length }, ctx) => {
    const { bytes, ...rest } = jobs.chunk(id, offset, length, ctx);
    return { ...rest, dataBase64: bytes.toString('base64') };
  });
  registerCatalog(server, catalog, jobs, uploads);
  const coupons = new CouponService(db, catalog, writer);
  registerCoupons(server, coupons);
  const live = new LiveService(db, catalog, coupons, writer);
  registerLive(server, live);
  const orders = new OrderService(db, orderDeps(catalog, coupons, live), writer);
  const shop = new ShopService({ db, writer, secrets, catalog, orders: orders.store, publish });
  registerOrders(server, orders, db, jobs, uploads, {
    db,
    writer,
    catalog,
    platformOrders: shop.platformOrders,
  });
  server.setViews(orderViews);
  const access = new AccessService(db, writer, publish, server);
  access.onRightsChanged((deviceId) => jobs.forgetOwner(`device:${deviceId}`));
  registerAccess(server, access);
  const images = catalog.images;
  const overlay = new OverlayService(
    new OverlayStore(db),
    writer,
    publish,
    {
      onAir: () => live.onAir(),
      coupon: (id) => coupons.store.get(id) ?? null,
      imageBytes: (id) => images.original(id)?.bytes ?? null,
      imageExists: (id) => images.exists(id),
    },
    { dataDir },
  );
  events.on(SCENE_EVENTS, () => overlay.sceneMayHaveChanged());
  registerOverlay(server, overlay);
  registerHotkeys(server, new HotkeyService(db, writer, publish));
  const stream = new StreamService(db, writer, publish, { dataDir, secrets, overlay });
  registerStream(server, stream);
  registerShow(
    server,
    new ShowService(
      {
        session: (id) => live.session(id),
        goLiveRefusal: (id) => live.goLiveRefusal(id),
        goLive: (id) => live.goLive(id),
        end: (id) => live.end(id),
      },
      stream,
    ),
  );

  const clips = new ClipService(
    db,
    {
      shows: { session: (id) => live.store.session(id), segments: (id) => live.store.segments(id) },
      recordings: stream.recordingsRead,
    },
    writer,
    publish,
    { dataDir, ffmpeg: () => stream.ffmpegPath() },
  );
  const media = new MediaTickets(options.mediaKey ?? crypto.randomBytes(32), dataDir);
  const reels = new ReelService(
    clips,
    {
      product: (id) => {
        const p = catalog.store.get(id);
        return p && { ...p, kind: p.linkKind };
      },
      overlaySettings: () => overlay.state().settings,
      imageBytes: (id) => images.original(id)?.bytes ?? null,
    },
    () => stream.ffmpegPath(),
  );
  registerClips(server, { clips, reels }, jobs, media);
  // The studio itself (not a `livecart` command beside it) cuts each explanation's clip as it ends.
  const autoClips =
    options.exclusive === false
      ? null
      : new AutoClips(clips, {
          startCut: (sessionId, segmentIds) => {
            // Its own owner: a long show's many cuts never push the host's finished exports out of the list.
            const work: Parameters<JobRunner['start']>[1] = (progress) =>
              clips.cut({ sessionId, segmentIds }, progress, progress.signal);
            return jobs.start('clips.cut', work, 'studio').done;
          },
        });
  events.on('live.explainChanged', ({ ended }) => {
    if (ended && autoClips) autoClips.ended(ended.sessionId, ended.id);
  });

  registerShop(server, shop);
  orders.setPlatformShipper(shop.shipping);
  if (options.exclusive !== false) shop.startPolling(() => live.onAir() !== null);

  let closed = false;
  return {
    server,
    dataDir,
    db,
    writer,
    catalog,
    live,
    coupons,
    access,
    stream,
    overlay,
    orders,
    shop,
    clips,
    reels,
    media,
    jobs,
    async close() {
      if (closed) return;
      closed = true;
      autoClips?.dispose();
      await shop.settle();
      // A show still running ends here, its recording finalised, before the database closes.
      await stream.close();
      await overlay.dispose();
      await access.close();
      server.closeAll();
      jobs.dispose();
      writer.close();
      db.close();
      lock.release();
    },
  };
}

/**
 * Without Electron (the CLI, `livecart serve`): the folder's key file. When the desktop app keeps this folder's key
 * in the OS keychain instead, no key file is made up beside it — the two would seal stream keys under different
 * keys and each lose the other's — and stream keys stay closed here, saying where they are.
 */
function keyFileOrDesktop(dataDir: string): SecretBox {
  const inKeychain = fs.existsSync(path.join(dataDir, WRAPPED_KEY_FILE));
  if (inKeychain && !fs.existsSync(path.join(dataDir, SECRET_KEY_FILE))) return SecretBox.locked('desktop');
  return new SecretBox(loadOrCreateKeyFile(dataDir), 'file');
}
