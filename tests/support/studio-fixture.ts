// A real studio on a fresh data directory with a real web host on loopback, for integration tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStudio, type Studio } from '../../electron/core/studio.ts';
import { startWebHost, type WebHost } from '../../electron/core/host/web-host.ts';

export function tempDir(prefix = 'livecart-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Running {
  studio: Studio;
  host: WebHost;
  dataDir: string;
  stop(): Promise<void>;
}

export async function runStudio(dataDir = tempDir()): Promise<Running> {
  const studio = await openStudio({ dataDir });
  const host = await startWebHost(studio, { port: 0 });
  return {
    studio,
    host,
    dataDir,
    async stop() {
      await host.close();
      await studio.close();
    },
  };
}
