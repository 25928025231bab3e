// A QR code drawn as one SVG path (dark modules on a white ground with the standard quiet zone), so any phone
// camera reads it on the dark theme. React elements only: no innerHTML, nothing for the CSP to object to.
import { useMemo } from 'react';
import { encode } from 'uqr';
import { qrPath } from './qr-path.ts';

interface QrCodeProps {
  value: string;
  /** What the code is, for screen readers (the link itself is shown next to it). */
  label: string;
  /** Rendered width and height in CSS pixels. */
  size?: number;
  className?: string;
}

/** Four modules of white around the code, as the QR standard asks; scanners struggle with less. */
const QUIET_ZONE = 4;

export function QrCode({ value, label, size = 240, className }: QrCodeProps) {
  // 'M' error correction survives a smudged or partly lit phone screen without making the code much denser.
  const { data, size: modules } = useMemo(() => encode(value, { ecc: 'M', border: 0 }), [value]);
  const d = useMemo(() => qrPath(data), [data]);
  const span = modules + 2 * QUIET_ZONE;
  return (
    <svg
      className={`qr ${className ?? ''}`}
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`${-QUIET_ZONE} ${-QUIET_ZONE} ${span} ${span}`}
      shapeRendering="crispEdges"
      data-modules={modules}
    >
      <rect x={-QUIET_ZONE} y={-QUIET_ZONE} width={span} height={span} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
