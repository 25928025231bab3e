// Saving the stream settings from either panel: applied at once, a refusal said in the host's language.
import type { StreamSettings } from '../../../../electron/core/protocol/contract.ts';
import { describeError } from '../../i18n/describe.ts';
import { useT } from '../../i18n/index.ts';
import { notify } from '../../stores/notices.ts';
import { useStream } from '../../stores/stream.ts';

export function useSaveSettings() {
  const tr = useT();
  return async (settings: StreamSettings): Promise<boolean> => {
    try {
      await useStream.getState().saveSettings(settings);
      return true;
    } catch (error) {
      notify('error', describeError(tr, error));
      return false;
    }
  };
}
