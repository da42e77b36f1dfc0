// Lab 29 (the final project's reference system) in lab mode, in Chromium, as a learner walks it: apply
// the solution, run the six services with one Ejecutar (browser engine: RabbitMQ and Redis emulated in
// the page), and do the "Recorrido" step by step from the HTTP and WebSocket panels: register, log in,
// browse, open the live channel through the gateway with the token, order, pay with a correlation id,
// see the notice arrive over the WebSocket with that id, and read the order history (paid).
import { expect, test, type Locator } from '@playwright/test';

const LAB = 'lab-29-proyecto-final';
test.describe.configure({ timeout: 240_000 });

async function send(section: Locator, suggestion: string, edit: { headers?: string; body?: string } = {}) {
  const picker = section.getByLabel('Petición sugerida');
  const option = await picker.locator('option', { hasText: suggestion }).first().getAttribute('value');
  await picker.selectOption(option!);
  if (edit.headers !== undefined) await section.getByLabel('Cabeceras', { exact: true }).fill(edit.headers);
  if (edit.body !== undefined) await section.getByLabel('Cuerpo (JSON)').fill(edit.body);
  await section.getByRole('button', { name: 'Enviar', exact: true }).first().click();
}

test('the Recorrido, step by step in lab mode: register → log in → browse → live channel → order → pay → notice → history', async ({ page }) => {
  await page.goto(`/dev/sandbox-ui/${LAB}/`);
  const section = page.locator(`[data-sandbox="${LAB}"]`);
  await section.scrollIntoViewIfNeeded();
  await expect(section).toHaveAttribute('data-sandbox-ready', 'true', { timeout: 60_000 });
  await section.getByRole('button', { name: '⤢ Modo laboratorio' }).click();

  await section.getByRole('button', { name: 'Ver solución' }).click();
  const dialog = page.getByRole('dialog', { name: 'Solución del laboratorio' });
  await expect(dialog).toContainText('verifyAccessToken.ts');
  await dialog.getByRole('button', { name: 'Aplicar solución' }).click();
  await expect(dialog).toBeHidden();

  await section.getByRole('button', { name: 'Ejecutar todos los servicios' }).click();
  for (const [name, port] of [['gateway', 3100], ['auth', 3101], ['products', 3102], ['orders', 3103], ['notifications', 3104], ['payments', 3105]] as const) {
    const status = section.locator('.sbx-service').filter({ has: page.getByText(name, { exact: true }) }).locator('.sbx-status');
    await expect(status).toHaveText(`En marcha en :${port}`, { timeout: 90_000 });
  }

  const response = section.getByRole('region', { name: 'Respuesta' });
  await send(section, '1. Registrar a Ana');
  await expect(response).toContainText('201', { timeout: 30_000 });
  await send(section, '2. Entrar');
  await expect(response).toContainText('access_token', { timeout: 30_000 });
  const token = /"access_token":\s*"([^"]+)"/.exec((await response.textContent()) ?? '')?.[1];
  expect(token, 'the login answer shows the access_token').toBeTruthy();
  const auth = `Authorization: Bearer ${token}`;
  await send(section, '3. El catálogo');
  await expect(response).toContainText('Pizza margarita', { timeout: 30_000 });

  // The live channel, opened from the WebSocket panel with Ana's token: through the gateway, the only door.
  await section.getByRole('tab', { name: 'WebSocket' }).click();
  const ws = section.locator('.sbx-ws');
  await ws.getByLabel('Servicio').selectOption('gateway');
  await ws.getByLabel('Ruta').fill(`/notifications/live?token=${token}`);
  await ws.getByRole('button', { name: 'Conectar' }).click();
  const connection = ws.locator('.sbx-ws-conn').first();
  await expect(connection.getByRole('log')).toContainText('welcome', { timeout: 30_000 });

  await section.getByRole('tab', { name: 'HTTP' }).click();
  await send(section, '4. Crear un pedido', { headers: auth });
  await expect(response).toContainText('201', { timeout: 30_000 });
  const orderId = /"id":\s*"([^"]+)"/.exec((await response.textContent()) ?? '')?.[1];
  expect(orderId, 'the order answer shows its id').toBeTruthy();
  await send(section, '5. Pagarlo', {
    headers: `${auth}\nX-Correlation-Id: recorrido-e2e`,
    body: JSON.stringify({ orderId, cardNumber: '4242424242424242' }),
  });
  await expect(response).toContainText('captured', { timeout: 30_000 });

  await section.getByRole('tab', { name: 'WebSocket' }).click();
  const notice = connection.getByRole('log');
  await expect(notice).toContainText('payment.captured', { timeout: 30_000 });
  await expect(notice).toContainText('recorrido-e2e');
  await expect(notice).toContainText(orderId!);

  await section.getByRole('tab', { name: 'HTTP' }).click();
  // orders-service consumed PaymentCaptured: the history shows the saga's outcome, not "created"
  // (eventually consistent: asked again until it does).
  await expect(async () => {
    await send(section, '6. Su historial', { headers: auth });
    await expect(response).toContainText(orderId!, { timeout: 10_000 });
    await expect(response).toContainText(/"status":\s*"paid"/, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
});
