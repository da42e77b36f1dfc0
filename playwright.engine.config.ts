// Runs e2e/sandbox-engine.spec.ts against dist/ served by a plain static server with the same
// COOP/COEP headers (for when another `astro preview` already runs in this project).
import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

const port = Number(process.env.E2E_PORT ?? 4510);

export default defineConfig({
  ...base,
  testMatch: 'sandbox-engine.spec.ts',
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    command: `node scripts/sandbox-bench.ts --serve ${port}`,
    url: `http://127.0.0.1:${port}/dev/sandbox-engine/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
