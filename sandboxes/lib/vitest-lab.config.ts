// Vitest's configuration for a lab folder run by the Node engine (./vitest-run.ts). Without it,
// Vitest would pick up the course's own vitest.config.ts from a parent folder (labs are materialized
// under sandboxes/.labs/). Defaults otherwise, as a learner's `npm test` has them: no config file.
export default {
  test: {
    include: ['**/*.test.{ts,mts,js,mjs}'],
    exclude: ['**/node_modules/**'],
  },
};
