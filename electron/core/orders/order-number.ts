// Order numbers people read aloud and type: the local date and the day's sequence, `261124-007`.

/** `YYMMDD` of the studio's local day: a seller's "today" starts at their midnight, not UTC's. */
export function localDay(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getFullYear() % 100)}${two(d.getMonth() + 1)}${two(d.getDate())}`;
}

/** At least three digits (most shows stay under 1,000 orders a day); more when the day needs them. */
export function orderNumber(epochMs: number, nextSeq: (day: string) => number): string {
  const day = localDay(epochMs);
  return `${day}-${String(nextSeq(day)).padStart(3, '0')}`;
}

export const ORDER_NO_PATTERN = /^\d{6}-\d{3,}$/;
