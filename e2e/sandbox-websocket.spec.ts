// The WebSocket panel of the sandbox UI in Chromium, on a fixture lab whose chat service is real
// @hono/node-ws code (browser engine: its shim over the virtual network): a suggested connection
// opens with its token, frames go both ways in the live log, the service closes with its code,
// a connection without the token is refused at connect, stopping the service drops the others
// (1006), and the panel is keyboard-usable and axe-clean, also at 360 px.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

test.describe.configure({ timeout: 120_000 });

async function openPanel(page: Page) {
  await page.goto('/dev/sandbox-websocket/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await page.getByRole('tab', { name: 'WebSocket' }).click();
  const panel = page.locator('.sbx-ws');
  await expect(panel).toBeVisible({ timeout: 15_000 });
  return panel;
}

test('connects from the panel with a token, sends, receives, and sees the service close', async ({ page }) => {
  const vendor: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.includes('/sandbox-vendor/')) vendor.push(path);
  });
  const panel = await openPanel(page);
  await panel.getByRole('button', { name: 'Chat con token' }).click();
  const connection = panel.locator('.sbx-ws-conn').first();
  await expect(connection.getByRole('status')).toHaveText('Abierta · subprotocolo chat.v1.', { timeout: 30_000 });
  const log = connection.getByRole('log');
  await expect(log).toContainText('{"hello":"ana","auth":"Bearer secreto","protocol":"chat.v1"}');

  // Typed text, sent with Enter from the focused box.
  await expect(connection.getByRole('textbox', { name: 'Mensaje para Chat con token' })).toBeFocused();
  await page.keyboard.type('pedido 42 listo');
  await page.keyboard.press('Enter');
  await expect(log.locator('.sbx-ws-out')).toContainText('pedido 42 listo');
  await expect(log.locator('.sbx-ws-in').last()).toContainText('eco: pedido 42 listo');

  // A suggested message that makes the service close with its own code and reason.
  await connection.getByRole('button', { name: 'bye' }).click();
  await expect(connection.getByRole('status')).toHaveText('Cerrada con el código 4001 «adiós».');
  await expect(connection.getByRole('textbox')).toBeDisabled();
  expect(vendor.some((path) => path.includes('hono-node-ws'))).toBe(true);
});

test('refused at connect without the token; stopping the service drops open connections (1006)', async ({ page }) => {
  const panel = await openPanel(page);
  await panel.getByRole('button', { name: 'Chat sin token' }).click();
  await expect(panel.locator('.sbx-error')).toContainText('chat respondió 401', { timeout: 30_000 });

  await panel.getByRole('button', { name: 'Chat abierto' }).click();
  await panel.getByRole('button', { name: 'Chat con token' }).click();
  await expect(panel.locator('.sbx-ws-conn')).toHaveCount(2, { timeout: 15_000 });
  await expect(panel.locator('.sbx-ws-state[data-state="open"]')).toHaveCount(2);

  await page.evaluate(() => (window as any).sandboxWebSocketTest.engine.stop('chat'));
  for (const state of await panel.locator('.sbx-ws-state').all()) {
    await expect(state).toHaveText('Conexión perdida (1006): el servicio se detuvo o se cayó sin cerrar.');
  }
});

test('keyboard only, axe-clean, and readable at 360 px', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const panel = await openPanel(page);
  // Fill the form by keyboard: the path, a header, then Enter on "Conectar".
  await panel.getByLabel('Ruta').fill('/private?user=teclado');
  await panel.getByLabel('Cabeceras del handshake').fill('Authorization: Bearer secreto');
  await panel.getByRole('button', { name: 'Conectar' }).focus();
  await page.keyboard.press('Enter');
  const connection = panel.locator('.sbx-ws-conn').first();
  await expect(connection.getByRole('log')).toContainText('"hello":"teclado"', { timeout: 30_000 });
  await page.keyboard.type('hola');
  await page.keyboard.press('Enter');
  await expect(connection.getByRole('log')).toContainText('eco: hola');
  await connection.getByRole('button', { name: /Cerrar/ }).focus();
  await page.keyboard.press('Enter');
  await expect(connection.getByRole('status')).toHaveText(/Cerrada con el código 1000/);
  await expect(connection.getByRole('button', { name: /Quitar/ })).toBeFocused();

  const overflow = await panel.evaluate((element) => element.scrollWidth - element.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await panel.screenshot({ path: 'test-results/sandbox-websocket-360.png' });
  const results = await new AxeBuilder({ page }).include('.sbx-ws').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('a lab that does not use WebSockets loads none of it', async ({ page }) => {
  const loaded: string[] = [];
  page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
  await page.goto('/dev/sandbox-engine/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  const status = await page.evaluate(async () => {
    const engine = await (window as any).sandboxEngineTest.load();
    await engine.start('products-service');
    return engine.status('products-service').state;
  });
  expect(status).toBe('running');
  expect(loaded.filter((path) => /runtime-sockets|hono-node-ws|page-socket|websocket-panel/.test(path))).toEqual([]);
});
