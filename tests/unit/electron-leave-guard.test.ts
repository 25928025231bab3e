// Closing the window during a show: the safe answer is the default (Enter and Esc keep the show running),
// and the prompt says what closing would stop, in the host's language.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LEAVE_BUTTON, leaveWhileLiveDialog } from '../../electron/main/leave-guard.ts';

test('Enter and Esc keep streaming; only the explicit button closes', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    const dialog = leaveWhileLiveDialog(locale);
    assert.equal(dialog.defaultId, 0);
    assert.equal(dialog.cancelId, 0);
    assert.notEqual(LEAVE_BUTTON, dialog.defaultId);
    assert.equal(dialog.buttons?.length, 2);
    assert.match(dialog.buttons![LEAVE_BUTTON]!, locale === 'zh-CN' ? /停止直播/ : /end the show/);
  }
});

test('the prompt names what stops, in each language', () => {
  assert.match(leaveWhileLiveDialog('zh-CN').detail!, /推流和本地录像/);
  assert.match(leaveWhileLiveDialog('en').detail!, /stream to every platform and the local recording/);
});
