// The "Infraestructura" panel in Chromium, over the real sandbox UI and the browser engine: a lab
// with RabbitMQ, Redis and PostgreSQL (the infrastructure fixture) plus a service run as three
// replicas and a gateway that reaches them by the ports in its env (the replicas fixture). The
// reader sees a queue's count change when a consumer is paused and a message is published, a
// Redis key with its TTL, a table's row, the three replicas; crashes one with one click and the
// other two keep answering. Also axe, keyboard reach and screenshots at 1280 and 360 px.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

test.describe.configure({ timeout: 300_000 });
// The machine runs PGlite, six service workers and the infrastructure worker at once: on a loaded
// 2-core box a snapshot can take seconds. Waits are generous; nothing here measures time.
const LIVE = { timeout: 60_000 };

const statuses = (page: Page) =>
  page.evaluate(() => {
    const engine = (window as any).engine;
    return ['orders', 'notifications', 'tracking-1', 'tracking-2', 'tracking-3', 'gateway'].map((name) => engine.status(name).state);
  });

const request = (page: Page, service: string, method: string, path: string, body?: unknown, replica?: number) =>
  page.evaluate(
    async ({ service, method, path, body, replica }) => {
      const response = await (window as any).engine.request({ service, method, path, body, replica });
      return { status: response.status as number, body: response.text ? JSON.parse(response.text) : null };
    },
    { service, method, path, body, replica },
  );

/** The cells of the row whose first cell is `first`, in the table region named `region`. */
const row = (page: Page, region: string | RegExp, first: string) =>
  page.getByRole('region', { name: region }).getByRole('row').filter({ has: page.getByRole('cell', { name: first, exact: true }) });

test('the panel shows queues, keys, rows and replicas live, and crashing a replica leaves the others serving', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (req) => {
    if (/\/infra-panel\.[^/]*\.js$/.test(new URL(req.url()).pathname)) scripts.push(new URL(req.url()).pathname);
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/dev/sandbox-infra-panel/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });

  // The run bar lists each replica as such.
  const services = page.getByRole('list', { name: 'Servicios del laboratorio' });
  await expect(services.getByRole('listitem')).toHaveCount(6);
  await expect(services.getByRole('listitem').filter({ hasText: 'tracking-2' })).toContainText('réplica 2 de 3');
  await expect(services.getByRole('listitem').filter({ hasText: 'tracking-2' })).toContainText(':3120');

  // notifications first: it declares the queue orders publishes to (as the fixture's own e2e does).
  await page.evaluate(() => (window as any).engine.start('notifications'));
  await page.getByRole('button', { name: '▶ Ejecutar todos los servicios' }).click();
  await expect.poll(() => statuses(page), { timeout: 90_000 }).toEqual(['running', 'running', 'running', 'running', 'running', 'running']);

  // The panel code loads only when its tab opens.
  expect(scripts).toEqual([]);
  const tab = page.getByRole('tab', { name: 'Infraestructura' });
  await tab.click();
  const panel = page.locator('.sbx-infra');
  await expect(panel.getByRole('heading', { name: 'RabbitMQ' })).toBeVisible(LIVE);
  expect(scripts).toHaveLength(1);

  // Replicas with their status.
  const replicas = page.getByRole('list', { name: 'Réplicas de tracking' });
  await expect(replicas.getByRole('listitem')).toHaveCount(3, LIVE);
  await expect(replicas.getByRole('listitem').filter({ hasText: 'En marcha' })).toHaveCount(3, LIVE);
  await expect(panel.getByRole('heading', { name: 'tracking: 3 de 3 en marcha' })).toBeVisible(LIVE);

  // Exchange with type and binding; the queue with its counts and its consumer.
  await expect(row(page, 'Exchanges', 'foodly.events')).toContainText('topic', LIVE);
  await expect(row(page, 'Exchanges', 'foodly.events')).toContainText('notifications.orders ← order.*', LIVE);
  const queue = row(page, 'Colas', 'notifications.orders');
  await expect(queue.getByRole('cell').nth(1)).toHaveText('0', LIVE);
  await expect(queue).toContainText('(notifications)', LIVE);

  // Pause the consumer, publish: the message waits as ready (the count changes live, no reload).
  await queue.getByRole('button', { name: /^Pausar/ }).click();
  await expect(queue).toContainText('en pausa', LIVE);
  expect((await request(page, 'orders', 'POST', '/orders', { item: 'pizza margarita', quantity: 2 })).status).toBe(201);
  await expect(queue.getByRole('cell').nth(1)).toHaveText('1', LIVE);
  await queue.getByRole('button', { name: /^Reanudar/ }).click();
  await expect(queue.getByRole('cell').nth(1)).toHaveText('0', LIVE);
  await expect(queue).not.toContainText('en pausa', LIVE);

  // A Redis key with its TTL.
  expect((await request(page, 'orders', 'PUT', '/cache/menu-del-dia', { value: 'paella', ttlSeconds: 120 })).status).toBe(204);
  const key = row(page, 'Claves de Redis', 'cache:menu-del-dia');
  await expect(key.getByRole('cell').nth(1)).toHaveText('string', LIVE);
  await expect(key.getByRole('cell').nth(2)).toHaveText(/^(1[01]\d|120) s$/, LIVE);
  await expect(key).toContainText('paella', LIVE);

  // The order's row in its database (refreshable).
  await page.getByRole('button', { name: 'Actualizar', exact: true }).click();
  await expect(page.getByRole('region', { name: /^orders\.orders: \d+ filas?/ })).toContainText('pizza margarita', LIVE);

  // axe on the open panel, and the screenshots.
  const axe = await new AxeBuilder({ page }).include('.sbx-infra').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  await panel.screenshot({ path: 'test-results/infra-panel-1280.png' });

  // Keyboard: the crash button of a replica is reachable and works with Enter.
  const crash = page.getByRole('button', { name: 'Tirar réplica tracking-2' });
  await crash.focus();
  await expect(crash).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(replicas.getByRole('listitem').filter({ hasText: 'tracking-2' })).toContainText('Falló: tracking-2 se cayó', LIVE);
  await expect(panel.getByRole('heading', { name: 'tracking: 2 de 3 en marcha' })).toBeVisible(LIVE);
  expect(await page.evaluate(() => (window as any).engine.status('tracking-2').state)).toBe('crashed');

  // The others keep answering, directly and through the gateway that knows them by port.
  expect((await request(page, 'tracking', 'GET', '/whoami', undefined, 1)).body.replica).toBe('tracking-1');
  expect((await request(page, 'tracking', 'GET', '/whoami', undefined, 3)).body.replica).toBe('tracking-3');
  const through = (await request(page, 'gateway', 'GET', '/replicas')).body as Array<{ replica?: string; error?: string }>;
  expect(through.map((answer) => answer.replica ?? 'caída')).toEqual(['tracking-1', 'caída', 'tracking-3']);

  // Readable at 360 px: nothing in the panel wider than the screen but the scrollable tables.
  await page.setViewportSize({ width: 360, height: 800 });
  await tab.scrollIntoViewIfNeeded();
  const wide = await page.evaluate(() =>
    [...document.querySelector('.sbx-infra')!.closest('[role="tabpanel"]')!.querySelectorAll('*')]
      .filter((element) => !element.closest('[role="region"], .monaco-editor, .sbx-editor') && element.getBoundingClientRect().right > 361)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}: ${Math.round(element.getBoundingClientRect().right)}`),
  );
  expect(wide).toEqual([]);
  await panel.screenshot({ path: 'test-results/infra-panel-360.png' });
});
