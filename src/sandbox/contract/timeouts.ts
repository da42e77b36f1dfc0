// One set of timeouts for every engine (browser, WebContainer, Node runner), so a lab behaves the
// same wherever it runs. Engines take overrides only for tests.
export const TIMEOUTS = {
  /** A service must open its port within this (a cold Node in a busy WebContainer is slow). */
  serviceStartMs: 30_000,
  /** Longest wait for a response to one request (the UI's and the checks'). */
  requestMs: 30_000,
  /**
   * Longest run of one check. On a lab's start code some checks hang on purpose (a slow catalog
   * without a timeout): the reader waits this long per such check, so it stays short.
   */
  checkMs: 15_000,
  /** A stopped process has this long to exit before it is killed hard. */
  stopGraceMs: 3_000,
  /** WebContainer.boot(): 30-45 s is normal on a cold cache; the UI shows progress meanwhile. */
  containerBootMs: 45_000,
  /** `npm install` after the reader edits package.json. */
  npmInstallMs: 180_000,
} as const satisfies Record<string, number>;

export type Timeouts = { readonly [Name in keyof typeof TIMEOUTS]: number };
