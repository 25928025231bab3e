// The bundled fonts for the overlay (the host's preview and the OBS page), loaded once when first drawn (the rest
// of the studio does not need them): both then draw exactly what the encoder draws.
import boldFont from '../../../../resources/fonts/NotoSansSC-Bold.ttf?url';
import regularFont from '../../../../resources/fonts/NotoSansSC-Regular.ttf?url';

export const FAMILY = 'LiveCart Sans';
let loading: Promise<void> | null = null;

/** Adds the bundled faces to the page, once. */
export function loadOverlayFonts(): Promise<void> {
  loading ??= (async () => {
    for (const [url, weight] of [
      [regularFont, 'normal'],
      [boldFont, 'bold'],
    ] as const) {
      const face = new FontFace(FAMILY, `url(${url})`, { weight });
      document.fonts.add(face);
      await face.load().catch(() => undefined);
    }
  })();
  return loading;
}
