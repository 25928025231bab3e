// Entry of the Electron utilityProcess that runs the studio core (forked by electron/main/core-process.ts).
// Runs in Electron's Node without importing 'electron': the parent port is read from `process`.
import { openStudio, type Studio } from '../studio.ts';
import { attachLan } from './lan-host.ts';
import { attachOverlayPage } from './overlay-host.ts';
import { runUtility, type ParentPortLike } from './utility-core.ts';

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;

if (!parentPort) {
  console.error(
    'utility-entry runs inside Electron (utilityProcess.fork); use `node electron/core/cli.ts serve` instead.',
  );
  process.exit(2);
} else {
  // Whatever the core and its ffmpeg children create is owner-only (recordings, thumbnails, exports).
  if (process.platform !== 'win32') process.umask(0o077);
  const utility = runUtility<Studio>(parentPort, {
    openStudio,
    // Assistants' LAN listener (while access is on) and the OBS page's loopback listener (once it is set up).
    attachLan: async (studio, options) => {
      await attachLan(studio, options);
      await attachOverlayPage(studio, options);
    },
    exit: (code) => process.exit(code),
  });
  // utilityProcess.kill() sends SIGTERM on POSIX: close SQLite cleanly rather than be cut off.
  process.on('SIGTERM', () => void utility.shutdown());
}
