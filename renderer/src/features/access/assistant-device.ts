// What changes once a window learns it is an assistant device: it keeps its token across tab closes (a phone
// reopening the studio from its home screen), and the page the QR code opened starts on the live console,
// the assistant's place, rather than the product library.
import type { StudioClient } from '../../api/index.ts';
import { keepTokenOnThisDevice } from '../../api/token.ts';
import { useRoute } from '../../stores/route.ts';

/** The hash a pairing link leaves behind ('#/'), or none: no place was asked for. */
function noPlaceAsked(hash: string): boolean {
  return hash === '' || hash === '#' || hash === '#/';
}

export function bindAssistantDevice(client: StudioClient): void {
  let first = true;
  client.onReady((hello) => {
    const wasFirst = first;
    first = false;
    if (hello.role !== 'assistant') return;
    keepTokenOnThisDevice();
    // Only on arrival: a reconnect must not pull the assistant away from what they are doing.
    if (wasFirst && noPlaceAsked(window.location.hash)) useRoute.getState().go('live');
  });
}
