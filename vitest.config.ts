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
      // Vitest's default on a 2-core machine is one worker (cores − 1), and most of the time of the
      // slow files (every lab on the Node and WebContainer engines) is spent waiting on child
      // processes: two workers took the suite from ~22 to ~15 min on this machine.
      maxWorkers: 2,
    },
  }) as never,
);
