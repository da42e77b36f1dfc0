// The Chromium every benchmark drives: Debian's (or CHROMIUM_PATH), with the flags the machine's
// closed network needs (no background networking, no component updates) — the same ones
// playwright.config.ts uses, so a bench measures what the e2e tests see.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  // A clear message instead of Playwright's stack when the browser is not installed.
  if (!existsSync(executablePath)) {
    return Promise.reject(new Error(`no hay Chromium en ${executablePath} (instálalo con apt-get install chromium o indica su ruta en CHROMIUM_PATH)`));
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}
