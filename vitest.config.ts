import { defineConfig } from 'vitest/config';
import { getViteConfig } from 'astro/config';

// Unit tests of the site (src/), the course tooling (tests/) and the Foodly services (sandboxes/).
// Lab overlay folders are file fragments, not runnable code: they are tested through the
// resolved trees (see sandboxes/README.md).
export default getViteConfig(
  defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'sandboxes/**/*.test.ts'],
      exclude: ['node_modules/**', 'dist/**', 'sandboxes/labs/**', 'sandboxes/.labs/**'],
      testTimeout: 20_000,
    },
  }) as never,
);
