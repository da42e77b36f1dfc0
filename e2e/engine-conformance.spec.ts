// The engines' conformance suite (src/sandbox/contract/conformance) on the browser engine in
// Chromium: the same cases the WebContainer engine passes on Node 20 processes and the Node engine
// passes in Vitest. One test per case, so a failure names it.
import { expect, test } from '@playwright/test';
import { conformanceCases } from '../src/sandbox/contract/conformance/suite.ts';

test.describe('conformance: browser engine', () => {
  for (const testCase of conformanceCases) {
    test(testCase.name, async ({ page }) => {
      await page.goto('/dev/sandbox-engine/');
      await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
      const [result] = await page.evaluate((name) => (window as any).sandboxEngineTest.conformance([name]), testCase.name);
      expect(result, `the page ran no case named "${testCase.name}"`).toBeDefined();
      expect(result.message ?? '').toBe('');
      expect(result.ok).toBe(true);
    });
  }
});
