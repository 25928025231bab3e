// The overlay for OBS: a browser source of any size (1280×720, 1080×1920…) over the host's own camera scene. It
// draws with the very code the encoder's painter uses (core/overlay/shared/), from the studio's overlay events,
// with the page's read-only token (kept in the URL: OBS reloads this address as it was pasted).
import './overlay-page.css';
import {
  drawOverlay,
  overlayMoves,
  tickerOffset,
  type Ctx2D,
} from '../../../electron/core/overlay/shared/overlay-draw.ts';
import type { OverlayState } from '../../../electron/core/protocol/overlay-schemas.ts';
import { StudioClient } from '../api/client.ts';
import { WebSocketTransport, webSocketUrl } from '../api/transport.ts';
import { FAMILY, loadOverlayFonts } from '../features/overlay/overlay-fonts.ts';
import { OverlayImages } from '../features/overlay/overlay-images.ts';

const canvas = document.getElementById('overlay') as HTMLCanvasElement;
const ctx = canvas.getContext('2d')!;
const token = /(?:^#|[#&])token=([^&]*)/.exec(window.location.hash)?.[1] ?? null;
const client = new StudioClient(
  new WebSocketTransport(webSocketUrl(window.location), token && decodeURIComponent(token)),
  'overlay-page',
);
const images = new OverlayImages(client, () => draw());

let state: OverlayState | null = null;
/** The studio's clock minus ours: the coupon's countdown runs on the studio's time. */
let skew = 0;
let animating = false;

function size(): void {
  canvas.width = window.innerWidth;
  canvas.height = window.innerHeight;
}

function draw(now = performance.now()): void {
  if (!state) {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    return;
  }
  const frame = { width: canvas.width, height: canvas.height };
  drawOverlay(ctx as unknown as Ctx2D, frame, state.scene, state.settings, {
    images: (id) => images.get(id),
    now: Date.now() + skew,
    fontFamily: FAMILY,
    ticker: tickerOffset(state.settings, frame, now),
  });
  document.body.dataset.scene = JSON.stringify(state.scene);
}

/** Redraws every animation frame while something moves (the ticker, a countdown); otherwise only on change. */
function moving(): boolean {
  return state !== null && overlayMoves(state.settings, state.scene);
}

function animate(): void {
  if (!moving() || animating) {
    draw();
    return;
  }
  animating = true;
  const step = (now: number) => {
    draw(now);
    if (moving()) requestAnimationFrame(step);
    else animating = false;
  };
  requestAnimationFrame(step);
}

function apply(next: OverlayState): void {
  state = next;
  skew = next.serverTime - Date.now();
  images.keep([next.scene.card?.imageId ?? null, next.settings.logoImageId]);
  animate();
}

size();
window.addEventListener('resize', () => {
  size();
  draw();
});
client.on('overlay.changed', (next) => apply(next));
client.onReady(() => {
  void client.call('overlay.state', {}).then(apply, () => undefined);
});
client.onStatus((status) => {
  document.body.dataset.status = status;
});
void loadOverlayFonts().then(() => {
  draw();
  client.start();
});
