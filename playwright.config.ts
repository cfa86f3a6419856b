import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './tests/e2e/chromium.mjs';

// E2E_PORT: another port, when several checkouts run their tests at once (a server already on
// the port is reused outside CI, and it may be serving another checkout's www/dist).
const PORT = Number(process.env.E2E_PORT ?? 4173);

// The built page (www/dist) in Debian's Chromium, served as any static host would serve it.
// Build it first: `vite build` (after the wasm package in pkg/).
export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: CHROMIUM,
  },
  webServer: {
    command: `python3 -m http.server ${PORT} --bind 127.0.0.1 --directory www/dist`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    stderr: 'ignore', // python's request log
    stdout: 'ignore',
  },
});
