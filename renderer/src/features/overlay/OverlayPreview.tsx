// What viewers will see over the picture, drawn here with the very code the encoder's painter and the OBS page use,
// at the shape of the chosen preset (landscape or vertical), over a plain backdrop standing in for the camera.
import { useEffect, useRef, useState } from 'react';
import { drawOverlay, type Ctx2D } from '../../../../electron/core/overlay/shared/overlay-draw.ts';
import { placeOverlay } from '../../../../electron/core/overlay/shared/overlay-layout.ts';
import type { OverlayState } from '../../../../electron/core/protocol/overlay-schemas.ts';
import { overlayImage } from '../../stores/overlay.ts';
import { FAMILY, loadOverlayFonts } from './overlay-fonts.ts';

/** Drawn at this long edge and scaled by CSS: the layout is proportional, so it looks as at full size. */
const PREVIEW_EDGE = 640;

/** The family name to draw with, once the fonts are in (the fallback list covers the moment before). */
function useOverlayFonts(): string {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void loadOverlayFonts().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  return ready ? FAMILY : `${FAMILY} (loading)`;
}

type Loaded = { image: HTMLImageElement; width: number; height: number };

function useImages(ids: Array<string | null>): Map<string, Loaded> {
  const [images, setImages] = useState(() => new Map<string, Loaded>());
  const key = ids.filter(Boolean).join(',');
  useEffect(() => {
    let live = true;
    for (const id of key ? key.split(',') : []) {
      if (images.has(id)) continue;
      void overlayImage(id).then(async (url) => {
        if (!url || !live) return;
        const image = new Image();
        image.src = url;
        await image.decode().catch(() => undefined);
        if (live && image.naturalWidth > 0) {
          setImages((now) => new Map(now).set(id, { image, width: image.naturalWidth, height: image.naturalHeight }));
        }
      });
    }
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetched by the set of ids, not by the map's identity
  }, [key]);
  return images;
}

export function OverlayPreview({ state, size }: { state: OverlayState; size: { width: number; height: number } }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const images = useImages([state.scene.card?.imageId ?? null, state.settings.logoImageId]);
  const fonts = useOverlayFonts();
  const ratio = PREVIEW_EDGE / Math.max(size.width, size.height);
  const width = Math.round(size.width * ratio);
  const height = Math.round(size.height * ratio);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const frame = { width, height };
    let frameId = 0;
    const moving = state.settings.enabled && (state.settings.tickerText.trim() !== '' || state.scene.coupon !== null);
    const draw = (now: number) => {
      const placed = placeOverlay(state.settings, frame);
      drawOverlay(ctx as unknown as Ctx2D, frame, state.scene, state.settings, {
        images: (id) => images.get(id) ?? null,
        now: Date.now(),
        fontFamily: fonts,
        ticker: (now / 1000) * state.settings.tickerSpeed * placed.unit,
      });
      // Redrawn every frame only while something moves (the ticker, a countdown).
      if (moving) frameId = requestAnimationFrame(draw);
    };
    frameId = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frameId);
  }, [state, width, height, images, fonts]);
  return (
    <canvas
      ref={canvas}
      className={`overlay-preview ${width >= height ? 'is-landscape' : 'is-vertical'}`}
      width={width}
      height={height}
      data-testid="overlay-preview"
      data-scene={JSON.stringify(state.scene)}
      aria-hidden="true"
    />
  );
}
