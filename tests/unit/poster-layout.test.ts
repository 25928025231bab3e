// The poster keeps the promise of the session's notes field ("written into the announcement and the poster"):
// whatever the title's length, with or without a time and a QR code, the notes get lines of their own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { posterLayout } from '../../renderer/src/features/live/promo/poster-layout.ts';

test('notes always get lines: a long title with a time and a QR code still leaves them room', () => {
  for (const titleLines of [1, 2, 3]) {
    for (const dateLines of [0, 1, 2]) {
      for (const hasQr of [true, false]) {
        const layout = posterLayout({ titleLines, dateLines, hasNotes: true, hasQr });
        assert.ok(layout.notesLines >= 2, `${titleLines} title, ${dateLines} date, QR ${hasQr}: ${layout.notesLines}`);
        assert.ok(layout.titleMaxLines <= 2);
      }
    }
  }
});

test('without notes the cover is full height and the title may take three lines', () => {
  assert.deepEqual(posterLayout({ titleLines: 3, dateLines: 1, hasNotes: false, hasQr: true }), {
    coverHeight: 750,
    titleMaxLines: 3,
    notesLines: 0,
  });
});
