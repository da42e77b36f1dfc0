// The Tests tab on the built site (browser engine, offline Chromium): lab 8's own Vitest files run
// in the page's test Worker; breaking the aggregate shows the failing test with Vitest's diff and
// its file:line, which opens the test file in the editor at that line. Keyboard and axe included.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const LAB = 'lab-08-agregado';
test.describe.configure({ timeout: 240_000 });

async function openLab(page: Page) {
  await page.goto(`/dev/sandbox-ui/${LAB}/`);
  const section = page.locator(`[data-sandbox="${LAB}"]`);
  await section.scrollIntoViewIfNeeded();
  await expect(section).toHaveAttribute('data-sandbox-ready', 'true', { timeout: 60_000 });
  return section;
}

/** Opens Order.ts and replaces the line of total() (found with the editor's search: it is below the fold). */
async function rewriteTotal(page: Page, section: ReturnType<Page['locator']>, code: string) {
  await section.getByRole('navigation', { name: 'Archivos del laboratorio' }).locator('[title="orders-service/src/Orders/domain/Order.ts"]').click();
  await expect(section.getByRole('tab', { name: 'Order.ts', selected: true })).toBeVisible();
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText(/AggregateRoot|orderLines/, { timeout: 60_000 });
  await page.locator('.monaco-editor textarea').first().focus();
  await page.keyboard.press('Control+f');
  await page.keyboard.insertText('this.orderLines.reduce(');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.insertText(code);
  await page.keyboard.press('Control+s');
  await expect(section.locator('.sbx-save-state')).toHaveText('', { timeout: 15_000 });
}

test('runs lab 8 tests, shows a broken aggregate failure with its diff and file:line, and jumps to it', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  const section = await openLab(page);
  // Nothing of the runner loads before the reader uses the tab.
  expect(requested.filter((path) => path.includes('/sandbox-vendor/tests/'))).toEqual([]);

  await section.getByRole('tab', { name: 'Tests' }).click();
  const panel = section.getByRole('tabpanel', { name: 'Tests' });
  await panel.getByRole('button', { name: 'Ejecutar todos los tests' }).click();
  const summary = panel.getByRole('status');
  await expect(summary).toHaveText(/Todos los tests pasan: 4 superados, 0 fallidos/, { timeout: 60_000 });
  await expect(panel.locator('.sbx-test.sbx-tests-pass')).toHaveCount(4);
  await expect(panel.getByText('Order › calcula el total a partir de sus líneas')).toBeVisible();
  expect(requested.some((path) => path.endsWith('/sandbox-vendor/tests/worker.js'))).toBe(true);

  // Break the aggregate: total() counts every line twice.
  await rewriteTotal(page, section, 'return this.orderLines.reduce((sum, line) => sum.add(line.subtotal()).add(line.subtotal()), Money.zero());');

  await section.getByRole('tab', { name: 'Tests' }).click();
  await panel.getByRole('button', { name: 'Ejecutar todos los tests' }).click();
  await expect(summary).toHaveText(/3 superados, 1 fallido/, { timeout: 60_000 });
  const failed = panel.locator('.sbx-test.sbx-tests-fail');
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('calcula el total a partir de sus líneas');
  await expect(failed.locator('.sbx-test-diff')).toContainText('20.5');
  await expect(failed.locator('.sbx-test-diff')).toContainText('41');
  const where = failed.getByRole('button', { name: /orders-service\/test\/Orders\/domain\/Order\.test\.ts:13:\d+/ });
  await expect(where).toBeVisible();

  // axe on the panel with a failure on screen.
  const axe = await new AxeBuilder({ page }).include('.sbx-tests-panel').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);

  // Keyboard: the location is a button; Enter jumps to the test file at that line.
  await where.focus();
  await page.keyboard.press('Enter');
  await expect(section.getByRole('tab', { name: 'Order.test.ts', selected: true })).toBeVisible();
  await expect(page.locator('.monaco-editor .line-numbers.active-line-number')).toHaveText('13');

  // Run one file, and re-run on save.
  await section.getByRole('tab', { name: 'Tests' }).click();
  await panel.getByLabel('Archivo de tests').selectOption('orders-service/test/Orders/domain/Order.test.ts');
  await panel.getByRole('button', { name: 'Ejecutar este archivo' }).click();
  await expect(summary).toHaveText(/3 superados, 1 fallido/, { timeout: 60_000 });
  await panel.getByLabel('Volver a ejecutar al guardar').check();
  await rewriteTotal(page, section, 'return this.orderLines.reduce((sum, line) => sum.add(line.subtotal()), Money.zero());');
  await expect(summary).toHaveText(/Todos los tests pasan: 4 superados/, { timeout: 60_000 });
  await section.getByRole('tab', { name: 'Tests' }).click();
  await section.screenshot({ path: test.info().outputPath('tests-tab.png') });
});

test('lab 24: the Tests tab runs the old tests and lists the new ones as pending (it.todo) on the start', async ({ page }) => {
  await page.goto('/dev/sandbox-ui/lab-24-pruebas-pedidos/');
  const section = page.locator('[data-sandbox="lab-24-pruebas-pedidos"]');
  await section.scrollIntoViewIfNeeded();
  await expect(section).toHaveAttribute('data-sandbox-ready', 'true', { timeout: 60_000 });
  await section.getByRole('tab', { name: 'Tests' }).click();
  const panel = section.getByRole('tabpanel', { name: 'Tests' });
  await panel.getByRole('button', { name: 'Ejecutar todos los tests' }).click();
  // Labs 8 and 10's tests pass (7 + 2 + 3); the 7 it.todo of OrderRules and ordersRoutes are skipped, not green.
  await expect(panel.getByRole('status')).toHaveText(/12 superados, 0 fallidos, 7 omitidos/, { timeout: 60_000 });
  await expect(panel.getByText(/admite un pedido de exactamente 500 €/)).toBeVisible();
});
