// The WebContainer engine chosen in a browser that cannot reach StackBlitz (these tests run
// offline): the reader is told, politely, and the lab runs on the browser engine anyway.
import { expect, test } from '@playwright/test';

const LAB = 'lab-04-products-orders';

test('choosing WebContainer offline shows a notice, then the browser engine runs the lab', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto(`/dev/sandbox-ui/${LAB}/`);
  let section = page.locator(`[data-sandbox="${LAB}"]`);
  await section.scrollIntoViewIfNeeded();
  await expect(section).toHaveAttribute('data-sandbox-ready', 'true', { timeout: 45_000 });
  await expect(section.getByText('En uso: navegador.')).toBeVisible();

  await section.getByLabel('Motor del sandbox').selectOption('webcontainer');
  await expect(section.getByText('El cambio de motor se aplica al recargar la página')).toBeVisible();
  await section.getByRole('button', { name: 'Recargar ahora' }).click();
  await page.waitForLoadState('load');
  expect(await page.evaluate(() => localStorage.getItem('sandbox-engine'))).toBe('webcontainer');

  section = page.locator(`[data-sandbox="${LAB}"]`);
  await section.scrollIntoViewIfNeeded();
  // WebContainer.boot() never settles without StackBlitz: the engine stops waiting after 45 s
  // (showing the seconds meanwhile).
  await expect(section).toHaveAttribute('data-sandbox-ready', 'true', { timeout: 90_000 });
  await expect(section.getByRole('status').filter({ hasText: 'No se pudo usar WebContainer' })).toBeVisible();
  await expect(section.getByText('En uso: navegador.')).toBeVisible();
  await expect(section.getByRole('tab', { name: 'Terminal' })).toHaveCount(0);

  await section.getByRole('button', { name: 'Ejecutar todos los servicios' }).click();
  await section.getByRole('button', { name: 'Catálogo de pizzas' }).click();
  await expect(section.getByRole('region', { name: 'Respuesta' })).toContainText('200 OK', { timeout: 45_000 });
});
