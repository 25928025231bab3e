// Closing the window during a show would cut the stream and the recording. The page says "a show is running"
// the web's way (a beforeunload handler, which a browser tab turns into its own prompt); in Electron that only
// cancels the close silently, so the main process asks the host instead. No 'electron' import at runtime.
import type { MessageBoxSyncOptions } from 'electron';
import type { Locale } from '../core/protocol/messages.ts';

/** The button that closes anyway; the other keeps the show running (and is the default, and Esc). */
export const LEAVE_BUTTON = 1;

export function leaveWhileLiveDialog(locale: Locale): MessageBoxSyncOptions {
  const zh = locale === 'zh-CN';
  return {
    type: 'warning',
    title: 'LiveCart Studio',
    message: zh ? '正在直播中，确定要关闭吗？' : 'You are live. Close anyway?',
    detail: zh
      ? '关闭后推流和本地录像都会停止。'
      : 'Closing ends the stream to every platform and the local recording.',
    buttons: zh ? ['继续直播', '关闭并停止直播'] : ['Keep streaming', 'Close and end the show'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}
