// Lab 29 (the final project's reference system) in lab mode, in Chromium, as a learner walks it: apply
// the solution, run the six services with one Ejecutar (browser engine: RabbitMQ and Redis emulated in
// the page), and run the guided "Recorrido" tab step by step with «Siguiente paso»: register, log in,
// log in as the administrator and restock p-1 with that token (so the Recorrido can be repeated), browse, open the live channel through the gateway with the captured token, order, pay with a
// correlation id, see the notice arrive over the WebSocket with that id, and read the order history
// (paid: orders-service consumed the event). Then the Infraestructura
// panel's timeline shows the events that flowed (payment.captured published, delivered, acked).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';

const LAB = 'lab-29-proyecto-final';
test.describe.configure({ timeout: 240_000 });

async function openLab(page: Page): Promise<Locator> {
  await page.goto(`/dev/sandbox-ui/${LAB}/`);
  const section = page.locator(`[data-sandbox="${LAB}"]`);
  await section.scrollIntoViewIfNeeded();
  await expect(section).toHaveAttribute('data-sandbox-ready', 'true', { timeout: 60_000 });
  await section.getByRole('button', { name: '⤢ Modo laboratorio' }).click();
  return section;
}

async function runAll(page: Page, section: Locator) {
  await section.getByRole('button', { name: 'Ejecutar todos los servicios' }).click();
  for (const [name, port] of [['gateway', 3100], ['auth', 3101], ['products', 3102], ['orders', 3103], ['notifications', 3104], ['payments', 3105]] as const) {
    const status = section.locator('.sbx-service').filter({ has: page.getByText(name, { exact: true }) }).locator('.sbx-status');
    await expect(status).toHaveText(`En marcha en :${port}`, { timeout: 90_000 });
  }
}

test('the guided Recorrido, step by step in lab mode, and the broker events in Infraestructura', async ({ page }) => {
  const section = await openLab(page);
  await section.getByRole('button', { name: 'Ver solución' }).click();
  const dialog = page.getByRole('dialog', { name: 'Solución del laboratorio' });
  await expect(dialog).toContainText('verifyAccessToken.ts');
  await dialog.getByRole('button', { name: 'Aplicar solución' }).click();
  await expect(dialog).toBeHidden();
  await runAll(page, section);

  await section.getByRole('tab', { name: 'Recorrido' }).click();
  const steps = section.getByRole('list', { name: 'Pasos del recorrido' });
  const step = (n: number) => steps.locator(':scope > li').nth(n - 1);
  await expect(steps.locator(':scope > li')).toHaveCount(10);
  await expect(step(1)).toHaveAttribute('aria-current', 'step');
  await expect(step(1)).toContainText('Pendiente');
  // Before running, a step shows its request as written, placeholders included.
  await expect(step(7)).toContainText('Authorization: Bearer {{token}}');
  await expect(step(4)).toContainText('Authorization: Bearer {{adminToken}}');

  const next = section.getByRole('button', { name: 'Siguiente paso' });
  const passes = async (n: number) => {
    // Keyboard: the button keeps the focus from one step to the next.
    await next.focus();
    await page.keyboard.press('Enter');
    await expect(step(n)).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
    await expect(step(n)).toContainText('Correcto');
  };

  await passes(1);
  await expect(step(1)).toContainText('201 Created');
  await expect(step(1)).toContainText('POST gateway /auth/register');

  await passes(2);
  await expect(step(2)).toContainText('access_token');
  const token = /"access_token":\s*"([^"]+)"/.exec((await step(2).textContent()) ?? '')?.[1];
  expect(token, 'the login answer shows the access_token').toBeTruthy();

  // The administrator logs in (an account auth-service seeds at start, never a sign-up): another token.
  await passes(3);
  await expect(step(3)).toContainText('admin@foodly.test');
  const adminToken = /"access_token":\s*"([^"]+)"/.exec((await step(3).textContent()) ?? '')?.[1];
  expect(adminToken, "the administrator's login shows its access_token").toBeTruthy();
  expect(adminToken).not.toBe(token);

  // The restaurant sets p-1's stock back to 20 before ordering, with the administrator's token: only the admin role writes to the catalogue.
  await passes(4);
  await expect(step(4)).toContainText('PATCH gateway /products/p-1');
  await expect(step(4)).toContainText(`Authorization: Bearer ${adminToken}`);
  await expect(step(4).getByLabel('Cuerpo JSON de la respuesta')).toContainText(/"stock":\s*20/);

  await passes(5);
  await expect(step(5)).toContainText('Pizza margarita');

  // The live channel, opened with the captured token in its path.
  await passes(6);
  await expect(step(6)).toContainText(`/notifications/live?token=${token}`);
  // Through the gateway, the only door, for the WebSocket too.
  await expect(step(6)).toContainText('gateway');
  await expect(step(6).getByRole('log', { name: 'Mensajes recibidos en el paso 6' })).toContainText('welcome');

  await passes(7);
  await expect(step(7)).toContainText(`Authorization: Bearer ${token}`);
  await expect(step(7)).toContainText('201 Created');
  const orderId = /"id":\s*"([^"]+)"/.exec((await step(7).getByLabel('Cuerpo JSON de la respuesta').textContent()) ?? '')?.[1];
  expect(orderId, 'the order answer shows its id').toBeTruthy();

  await passes(8);
  await expect(step(8).getByLabel('Cuerpo de la petición')).toContainText(`"orderId": "${orderId}"`);
  await expect(step(8)).toContainText('X-Correlation-Id: recorrido-ana-1');
  await expect(step(8)).toContainText('captured');

  await passes(9);
  const notice = step(9).getByLabel('Mensaje recibido por el WebSocket');
  await expect(notice).toContainText('payment.captured');
  await expect(notice).toContainText('recorrido-ana-1');
  await expect(notice).toContainText(orderId!);
  await expect(step(6).getByRole('log')).toContainText('payment.captured');

  await passes(10);
  await expect(step(10)).toContainText(orderId!);
  // orders-service's saga consumed PaymentCaptured: the history shows the order paid, not "stock_reserved".
  await expect(step(10).getByLabel('Cuerpo JSON de la respuesta')).toContainText(/"status":\s*"paid"/);
  await expect(section.getByText('Recorrido completo: 10 de 10 pasos correctos.')).toBeVisible();
  await expect(next).toBeDisabled();

  // On a 360 px phone the finished Recorrido fits the width and is axe clean.
  await page.setViewportSize({ width: 360, height: 740 });
  await section.getByRole('group', { name: 'Panel visible' }).getByRole('button', { name: 'Resultado' }).click();
  await expect(step(8)).toBeVisible();
  const pane = section.locator('.sbx-result-pane');
  expect(await pane.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
  const axe = await new AxeBuilder({ page }).include('.sbx-result-pane').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });

  // The events that flowed, newest first, in the Infraestructura panel.
  await section.getByRole('tab', { name: 'Infraestructura' }).click();
  const timeline = section.getByRole('region', { name: 'Eventos del broker, del más reciente al más antiguo' });
  await expect(timeline).toContainText('payment.captured', { timeout: 15_000 });
  const lines = timeline.getByRole('listitem');
  await expect(lines.filter({ hasText: /Publicado en foodly\.events con clave payment\.captured/ }).first()).toBeVisible();
  await expect(lines.filter({ hasText: /Publicado en .* con clave order\./ }).first()).toBeVisible();
  await expect(lines.filter({ hasText: /Entregado de .* payment\.captured/ }).first()).toBeVisible();
  await expect(lines.filter({ hasText: /Confirmado \(ack\) en .* payment\.captured/ }).first()).toBeVisible();

  // «Reiniciar el recorrido» starts over: every step pending, the first one current.
  await section.getByRole('tab', { name: 'Recorrido' }).click();
  await section.getByRole('button', { name: 'Reiniciar el recorrido' }).click();
  await expect(steps.locator(':scope > li[data-state="pending"]')).toHaveCount(10);
  await expect(step(1)).toHaveAttribute('aria-current', 'step');
});

test('on the start code the Recorrido stops where the notice never arrives, and says what it expected', async ({ page }) => {
  const section = await openLab(page);
  await runAll(page, section);
  await section.getByRole('tab', { name: 'Recorrido' }).click();
  await section.getByRole('button', { name: 'Ejecutar todo el recorrido' }).click();
  const steps = section.getByRole('list', { name: 'Pasos del recorrido' });
  const failed = steps.locator(':scope > li[data-state="failed"]');
  await expect(failed).toHaveCount(1, { timeout: 90_000 });
  // TODO 4 (push the notice to the live connections) is not done in the start code.
  await expect(failed).toContainText('Esperar el aviso por el WebSocket');
  await expect(failed.getByRole('alert')).toContainText('Se esperaba un mensaje por el WebSocket con «payment.captured»');
  await expect(steps.locator(':scope > li[data-state="ok"]')).toHaveCount(8);
  await expect(section.getByRole('status').filter({ hasText: 'El recorrido se detuvo en el paso 9' })).toBeVisible();
  await expect(section.getByRole('button', { name: 'Siguiente paso' })).toBeEnabled();
});
