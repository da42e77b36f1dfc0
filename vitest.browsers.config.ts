// Firefox and WebKit tests (e2e-browsers/): run after the build by `npm run test:browsers`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e-browsers/**/*.browsers.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
