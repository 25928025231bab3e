// Wires the hotkey settings' protocol methods (host only, like every `settings.` method).
import type { StudioServer } from '../rpc/server.ts';
import type { HotkeyService } from './hotkeys-service.ts';

export function registerHotkeys(server: StudioServer, hotkeys: HotkeyService): void {
  server.handle('settings.hotkeys', () => hotkeys.state());
  server.handle('settings.saveHotkeys', ({ bindings }) => hotkeys.save(bindings));
  server.handle('settings.reportHotkeys', ({ registered, taken }) => hotkeys.report(registered, taken));
}
