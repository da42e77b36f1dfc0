import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

// Lessons are long pages with several diagrams to draw before axe runs: more than the default 30 s on CI,
// and axe alone took 2-3 minutes on topic 11 on a loaded 2-core machine (load average above 20).
test.describe.configure({ timeout: 180_000 });

const pages = ['/', '/temas/introduccion-microservicios/', '/temas/diseno-apis-rest-websockets/', '/temas/proyecto-final/', '/sesiones/', '/sesiones/2/', '/metodologia/', '/temas/'];

for (const theme of ['light', 'dark'] as const) {
  test.describe(`axe (${theme} theme)`, () => {
    test.use({ colorScheme: theme });
    for (const path of pages) {
      test(`${path} has no violations`, async ({ page }) => {
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        // Let lazy diagrams render so they are checked too.
        for (const figure of await page.locator('[data-mermaid]').all()) {
          await figure.scrollIntoViewIfNeeded();
          await expect(figure).toHaveAttribute('data-rendered', 'true', { timeout: 15_000 });
        }
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
      });
    }
  });
}
