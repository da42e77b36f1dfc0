// The Chromium every benchmark drives: Debian's (or CHROMIUM_PATH), with the flags the machine's
// closed network needs (no background networking, no component updates) — the same ones
// playwright.config.ts uses, so a bench measures what the e2e tests see.
import { chromium, type Browser } from '@playwright/test';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
