// End-to-end tests: the real renderer build, served by the real `cli.ts serve`, in real Chromium.
// Debian's Chromium is used when present (Playwright cannot download browsers on this machine).
import { existsSync } from 'node:fs';
import { chromium, defineConfig } from '@playwright/test';

const DEBIAN_CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const useDebian = existsSync(DEBIAN_CHROMIUM);

// In CI a missing browser must fail the run, never quietly skip the suite.
if (process.env.CI && !useDebian && !existsSync(chromium.executablePath())) {
  throw new Error(
    `No Chromium for the e2e tests: ${DEBIAN_CHROMIUM} does not exist and Playwright's own browser is not installed ` +
      '(apt-get install chromium, or set CHROMIUM_PATH).',
  );
}

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  // Each test starts its own studio process; two at a time keeps a small CI machine responsive.
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(useDebian ? { executablePath: DEBIAN_CHROMIUM } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
