// Firefox tests (e2e-firefox/): run after the build by `npm run test:firefox`, one file at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e-firefox/**/*.firefox.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
