// Saving the stream settings from either panel: applied at once, a refusal said in the host's language.
import type { StreamSettings } from '../../../../electron/core/protocol/contract.ts';
import { useStream } from '../../stores/stream.ts';
import { useCall } from '../../ui/useCall.ts';

export function useSaveSettings() {
  const { run } = useCall();
  return async (settings: StreamSettings): Promise<boolean> => {
    return (await run(() => useStream.getState().saveSettings(settings))) !== undefined;
  };
}
