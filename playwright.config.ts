import { defineConfig } from '@playwright/test';
import { authFile, FRESH_PORT as freshPort, STUDIO_PORT as port } from './e2e/accounts';

const server = (p: number, env: Record<string, string>) => ({
  command: 'node scripts/e2e-server.mjs',
  url: `http://127.0.0.1:${p}/api/health`,
  timeout: 600_000,
  reuseExistingServer: false,
  stdout: 'pipe' as const,
  stderr: 'pipe' as const,
  env: { E2E_PORT: String(p), ...env },
});

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // No trace by default: its screencast made Chromium encode every frame it drew, and on a 2-core
    // machine without a GPU that alone took e2e from 102 s to 169 s of wall time over the collections
    // and environments specs. A failing test keeps a screenshot; `npx playwright test --trace
    // retain-on-failure` records traces when one is needed.
    trace: 'off',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    launchOptions: {
      // The system Chromium: `npx playwright install` cannot download browsers here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Chromium's own background traffic (updates, sync) is not the studio's; keep it off.
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
  projects: [
    // Each server's first visitor makes its admin account; the specs then run signed in as that admin.
    { name: 'setup', testMatch: /first-run\.setup\.ts/ },
    // Specs share one studio and run in file order, each building on a database the earlier ones filled.
    {
      name: 'studio',
      testIgnore: /stakeholder-demo|tool-graph|use-environments|\.setup\.ts/,
      dependencies: ['setup'],
      use: { storageState: authFile('studio') },
    },
    // The demo from a fresh studio, then the tool graph over the demo (and Discord, added after it).
    {
      name: 'fresh',
      testMatch: /stakeholder-demo|tool-graph|use-environments/,
      dependencies: ['setup'],
      use: { baseURL: `http://127.0.0.1:${freshPort}`, storageState: authFile('fresh') },
    },
  ],
  // Servers start one after the other: the first builds the app, the second serves the same build.
  webServer: [server(port, {}), server(freshPort, { E2E_SKIP_BUILD: '1' })],
});
