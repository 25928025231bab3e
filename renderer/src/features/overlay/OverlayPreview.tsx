// What viewers will see over the picture, drawn here with the very code the encoder's painter and the OBS page use,
// at the shape of the chosen preset (landscape or vertical), over a plain backdrop standing in for the camera.
import { useEffect, useRef, useState } from 'react';
import {
  drawOverlay,
  overlayMoves,
  tickerOffset,
  type Ctx2D,
} from '../../../../electron/core/overlay/shared/overlay-draw.ts';
import type { OverlayState } from '../../../../electron/core/protocol/overlay-schemas.ts';
import { studio } from '../../api/index.ts';
import { OverlayImages } from './overlay-images.ts';
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

export function OverlayPreview({ state, size }: { state: OverlayState; size: { width: number; height: number } }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [loaded, setLoaded] = useState(0);
  const [images] = useState(() => new OverlayImages(studio, () => setLoaded((n) => n + 1)));
  const cardImage = state.scene.card?.imageId ?? null;
  const logo = state.settings.logoImageId;
  useEffect(() => images.keep([cardImage, logo]), [images, cardImage, logo]);
  const fonts = useOverlayFonts();
  const ratio = PREVIEW_EDGE / Math.max(size.width, size.height);
  const width = Math.round(size.width * ratio);
  const height = Math.round(size.height * ratio);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const frame = { width, height };
    let frameId = 0;
    const moving = overlayMoves(state.settings, state.scene);
    const draw = (now: number) => {
      drawOverlay(ctx as unknown as Ctx2D, frame, state.scene, state.settings, {
        images: (id) => images.get(id),
        now: Date.now(),
        fontFamily: fonts,
        ticker: tickerOffset(state.settings, frame, now),
      });
      // Redrawn every frame only while something moves (the ticker, a countdown).
      if (moving) frameId = requestAnimationFrame(draw);
    };
    frameId = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frameId);
  }, [state, width, height, images, loaded, fonts]);
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
