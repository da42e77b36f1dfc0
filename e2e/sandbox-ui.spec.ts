// The live sandbox UI on the built site (offline Chromium): lazy loading, running services,
// the HTTP panel, editing with Ctrl+S, checks, persistence, runaway code, two services talking,
// Swagger UI in the preview, "▶ Probar" in prose and keyboard use.
import { expect, test, type Page } from '@playwright/test';

const LAB = 'lab-04-products-orders';
const pageOf = (lab: string) => `/dev/sandbox-ui/${lab}/`;

test.describe.configure({ timeout: 90_000 });

async function openLab(page: Page, lab = LAB, { run = true } = {}) {
  await page.goto(pageOf(lab));
  const section = page.locator(`[data-sandbox="${lab}"]`);
  // The sandbox wakes when scrolled near: the static Run may give way to the live one while we aim.
  if (run) await section.getByRole('button', { name: 'Ejecutar el laboratorio' }).or(section.getByRole('button', { name: 'Ejecutar todos los servicios' })).first().click();
  else await section.scrollIntoViewIfNeeded();
  await expect(section).toHaveAttribute('data-sandbox-ready', 'true', { timeout: 30_000 });
  return section;
}

const service = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) }).locator('.sbx-status');

/** Monaco renders only the lines in view: find `text` (Ctrl+F, Enter, Esc) so its line is in the DOM. */
async function revealInEditor(page: Page, text: string) {
  await expect(page.locator('.monaco-editor .view-line').first()).toBeVisible({ timeout: 60_000 });
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+KeyF');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

async function editorShows(page: Page, text: string) {
  await revealInEditor(page, text);
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText(text, { timeout: 30_000 });
}

/** Waits for a service's status (a cold start on a busy CI machine can take a few seconds). */
async function expectStatus(page: Page, name: string, text: string) {
  await expect(service(page, name)).toHaveText(text, { timeout: 30_000 });
}

/** Selects the word `word` on the editor line that contains `lineText` (double click), then types. */
async function replaceWord(page: Page, lineText: string, word: string, replacement: string) {
  const token = page.locator('.monaco-editor .view-line', { hasText: lineText }).locator('span span', { hasText: word }).first();
  await token.dblclick();
  await page.keyboard.type(replacement);
}

/** Opens a file from the tree by its full path (the tree shows file names; the path is the title). */
async function openFile(section: ReturnType<Page['locator']>, path: string) {
  await section.getByRole('navigation', { name: 'Archivos del laboratorio' }).getByRole('button', { name: path.split('/').pop(), exact: true }).and(section.locator(`[title="${path}"]`)).click();
}


/** Whether any value in any IndexedDB database of the page contains `text` (as a string, or inside an object). */
function storedInIndexedDb(page: Page, text: string): Promise<boolean> {
  return page.evaluate(async (needle) => {
    const contains = (value: unknown): boolean =>
      typeof value === 'string' ? value.includes(needle) : typeof value === 'object' && value !== null && Object.values(value).some(contains);
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        for (const store of db.objectStoreNames) {
          const values = await new Promise<unknown[]>((resolve, reject) => {
            const request = db.transaction(store, 'readonly').objectStore(store).getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          if (values.some(contains)) return true;
        }
      } finally {
        db.close();
      }
    }
    return false;
  }, text);
}

test('loads nothing heavy before the reader reaches the sandbox, then runs a suggested request', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(pageOf(LAB));
  await page.waitForLoadState('networkidle');
  // No sandbox JavaScript beyond the tiny loader, no lab data, no engine dependencies.
  expect(requested.filter((path) => /(mount|code-editor|worker)[^/]*\.js$|sandbox-vendor|\/labs\/|sandbox-types/.test(path))).toEqual([]);
  // Nor Monaco's stylesheet (it arrives with the editor) or its icon font.
  expect(requested.filter((path) => /\.css$/.test(path) && !/\/(global|BaseLayout)\.[^/]*\.css$/.test(path))).toEqual([]);
  expect(requested.filter((path) => /codicon/.test(path))).toEqual([]);

  const section = await openLab(page, LAB, { run: false });
  await expect(service(page, 'products')).toHaveText('Detenido');
  await section.getByRole('button', { name: 'Ejecutar todos los servicios' }).click();
  await expectStatus(page, 'products', 'En marcha en :3102');
  await expectStatus(page, 'orders', 'En marcha en :3103');

  await section.getByRole('button', { name: 'Catálogo de pizzas' }).click();
  const answer = section.getByRole('region', { name: 'Respuesta' });
  await expect(answer).toContainText('200 OK');
  const body = await answer.getByLabel('Cuerpo JSON de la respuesta').textContent();
  const json = JSON.parse(body!) as { items: { name: string; category: string }[] };
  expect(json.items.length).toBeGreaterThan(0);
  expect(json.items.every((item) => item.category === 'pizzas')).toBe(true);

  // orders-service → products-service across two workers: the order total uses the catalogue's prices.
  await section.getByRole('button', { name: 'Crear un pedido' }).click();
  await expect(answer).toContainText('201 Created');
  expect(JSON.parse((await answer.getByLabel('Cuerpo JSON de la respuesta').textContent())!)).toMatchObject({ total: 20.5 });
  await section.getByRole('tab', { name: 'Registros' }).click();
  await expect(section.getByRole('list', { name: 'Registros' })).toContainText('[products]');
  await expect(section.getByRole('list', { name: 'Registros' })).toContainText('GET /products/p-1');
});

test('applies an edit with Ctrl+S, keeps it after a reload, and shows a JSON error before sending', async ({ page }) => {
  const section = await openLab(page);
  await expectStatus(page, 'products', 'En marcha en :3102');
  await openFile(section, 'products-service/src/app.ts');
  await expect(section.getByRole('tab', { name: 'app.ts', selected: true })).toHaveAttribute('title', 'products-service/src/app.ts');
  await editorShows(page, "message: 'pong'");
  await replaceWord(page, "message: 'pong'", 'pong', 'hola');
  await editorShows(page, "message: 'hola'");
  await page.keyboard.press('ControlOrMeta+KeyS');
  await expect(section.getByRole('status').filter({ hasText: 'reiniciado: products' })).toBeVisible();
  await expectStatus(page, 'products', 'En marcha en :3102');

  const url = section.getByLabel('URL');
  await section.getByLabel('Método').selectOption('GET');
  await url.fill('http://localhost:3102/ping');
  await section.getByRole('button', { name: 'Enviar' }).click();
  await expect(section.getByRole('region', { name: 'Respuesta' }).getByLabel('Cuerpo JSON de la respuesta')).toContainText('"message": "hola"');

  // Invalid JSON is caught before sending, with its position.
  await section.getByLabel('Método').selectOption('POST');
  await section.getByLabel('Cuerpo (JSON)').fill('{\n  "delayMs": 10,\n}');
  await section.getByRole('button', { name: 'Enviar' }).click();
  await expect(section.getByText('JSON no válido en la línea 3, columna 1: sobra la coma antes de «}».')).toBeVisible();
  await expect(section.getByLabel('Cuerpo (JSON)')).toHaveAttribute('aria-invalid', '');

  // Reload only once the edit is stored (whatever the store's layout: a debounced save, an
  // immediate one or a journal), never after a guessed delay.
  await expect.poll(() => storedInIndexedDb(page, "message: 'hola'"), { timeout: 15_000 }).toBe(true);
  await page.reload();
  const again = await openLab(page, LAB, { run: false });
  await openFile(again, 'products-service/src/app.ts');
  await editorShows(page, "message: 'hola'");
});

test('after a reload, the first Ejecutar runs the reader’s saved edit, not the start code the engine prepared on wake', async ({ page }) => {
  // The engine builds each service's module graph from the lab's start files as soon as the lab's
  // JSON arrives (prepare), before the reader's files come back from IndexedDB: a start must not use it.
  const section = await openLab(page, LAB, { run: false });
  await openFile(section, 'products-service/src/app.ts');
  await editorShows(page, "message: 'pong'");
  await replaceWord(page, "message: 'pong'", 'pong', 'hola');
  await editorShows(page, "message: 'hola'");
  await expect.poll(() => storedInIndexedDb(page, "message: 'hola'"), { timeout: 15_000 }).toBe(true);
  await page.reload();

  const again = await openLab(page);
  await expectStatus(page, 'products', 'En marcha en :3102');
  await again.getByLabel('Método').selectOption('GET');
  await again.getByLabel('URL').fill('http://localhost:3102/ping');
  await again.getByRole('button', { name: 'Enviar' }).click();
  await expect(again.getByRole('region', { name: 'Respuesta' }).getByLabel('Cuerpo JSON de la respuesta')).toContainText('"message": "hola"');
});

test('the editor type-checks against the real hono types', async ({ page }) => {
  const section = await openLab(page, LAB, { run: false });
  await openFile(section, 'products-service/src/app.ts');
  await editorShows(page, "message: 'pong'");
  // With hono's .d.ts loaded, `c` is a typed Context: a misspelt method is an error (with `any`, it would not be).
  await replaceWord(page, "message: 'pong'", 'json', 'jsonn');
  const errors = page.locator('.monaco-editor .squiggly-error');
  await expect(errors.first()).toBeAttached({ timeout: 60_000 });
  await page.keyboard.press('ControlOrMeta+KeyZ');
  await editorShows(page, "c.json({ message: 'pong' as const }, 200)");
  // Back to the start code: no errors anywhere in the file (imports of hono, zod and .ts files resolve).
  await expect(errors).toHaveCount(0, { timeout: 60_000 });
});

test('checks fail on the start code and pass after applying the solution, which can be undone', async ({ page }) => {
  const events: unknown[] = [];
  await page.exposeFunction('recordChecks', (detail: unknown) => events.push(detail));
  await page.addInitScript(() => document.addEventListener('lab:checks', (event) => (window as any).recordChecks((event as CustomEvent).detail)));
  // checks.ts is compiled at build time like the lab code: pressing Comprobar loads no compiler.
  const compilerLoads: string[] = [];
  page.on('request', (request) => {
    if (/\/transform\.[\w-]+\.js$/.test(new URL(request.url()).pathname)) compilerLoads.push(request.url());
  });
  const section = await openLab(page, LAB, { run: false });
  await section.getByRole('tab', { name: 'Comprobaciones' }).click();
  await section.getByRole('button', { name: 'Comprobar' }).click();
  const summary = section.locator('.sbx-checks-summary');
  await expect(summary).toContainText('comprobaciones superadas', { timeout: 60_000 });
  await expect(summary).not.toContainText('¡Todo correcto!');
  await expect(section.getByRole('listitem').filter({ hasText: 'No superada' }).first()).toBeVisible();
  expect(events.at(-1)).toMatchObject({ lab: LAB, passed: false });

  await section.getByRole('button', { name: 'Ver solución' }).click();
  const dialog = page.getByRole('dialog', { name: 'Solución del laboratorio' });
  await expect(dialog).toContainText('productsClient.ts');
  await dialog.getByRole('button', { name: 'Aplicar solución' }).click();
  await expect(dialog).toBeHidden();
  await expect(section.getByRole('button', { name: 'Deshacer' })).toBeFocused();

  await section.getByRole('button', { name: 'Comprobar' }).click();
  await expect(summary).toContainText('¡Todo correcto!', { timeout: 60_000 });
  expect(events.at(-1)).toMatchObject({ lab: LAB, passed: true });
  expect(compilerLoads).toEqual([]);

  await section.getByRole('button', { name: 'Deshacer' }).click();
  await openFile(section, 'orders-service/src/orders/productsClient.ts');
  await editorShows(page, 'TODO (Lab 4)');
  await expect(page.locator('.monaco-editor .view-lines').first()).not.toContainText('class ProductsUnavailable');

  // Reset asks first and returns focus to the button that opened the dialog.
  const reset = section.getByRole('button', { name: 'Reiniciar al inicio' });
  await reset.click();
  const confirm = page.getByRole('dialog', { name: '¿Reiniciar al inicio?' });
  await confirm.getByRole('button', { name: 'Cancelar' }).click();
  await expect(reset).toBeFocused();
});

test('stops an infinite loop with a message and the page stays responsive', async ({ page }) => {
  const section = await openLab(page);
  await expectStatus(page, 'products', 'En marcha en :3102');
  await openFile(section, 'products-service/src/app.ts');
  await editorShows(page, "message: 'pong'");
  await replaceWord(page, "message: 'pong'", 'pong', 'x');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText("app.get('/spin', (c) => { while (Date.now() > 0) {} return c.text('never'); });");
  await page.keyboard.press('ControlOrMeta+KeyS');
  await expect(section.getByRole('status').filter({ hasText: 'reiniciado: products' })).toBeVisible();
  await expectStatus(page, 'products', 'En marcha en :3102');

  await section.getByLabel('URL').fill('http://localhost:3102/spin');
  await section.getByRole('button', { name: 'Enviar' }).click();
  // While the worker spins, the page still answers.
  await section.getByRole('tab', { name: 'Registros' }).click();
  await expect(section.getByRole('tab', { name: 'Registros' })).toHaveAttribute('aria-selected', 'true');
  await expect(service(page, 'products')).toContainText('Falló: El servicio products no respondió en 3 s: probablemente un bucle infinito', { timeout: 6_000 });
  await section.getByRole('tab', { name: 'Cliente HTTP' }).click();
  await expect(section.getByRole('region', { name: 'Respuesta' })).toContainText('se detuvo antes de responder');
  await expect(section.getByRole('button', { name: 'Arrancar products' })).toBeVisible();
});

test('opens Swagger UI at /docs in the preview and "Try it out" works', async ({ page }) => {
  test.setTimeout(150_000);
  const section = await openLab(page, 'lab-02-primer-servicio');
  await expectStatus(page, 'auth', 'En marcha en :3101');
  await section.getByRole('tab', { name: 'Vista previa' }).click();
  await section.getByRole('button', { name: 'Abrir', exact: true }).click();
  const frame = page.frameLocator('iframe[title="Vista previa de auth/docs"]');
  // Swagger UI (1.4 MB of script) now runs from blob: URLs in the sandboxed frame: no V8 code cache.
  await expect(frame.locator('.swagger-ui .info .title')).toBeVisible({ timeout: 60_000 });
  const ping = frame.locator('.opblock', { has: frame.locator('.opblock-summary-path', { hasText: /^\/ping$/ }) }).first();
  await ping.locator('.opblock-summary').click();
  await ping.getByRole('button', { name: 'Try it out' }).click();
  await ping.getByRole('button', { name: 'Execute' }).click();
  await expect(ping.locator('.live-responses-table tbody .response-col_status').first()).toHaveText('200', { timeout: 10_000 });
});

test('"▶ Probar" in the prose starts the sandbox and answers inline', async ({ page }) => {
  await page.goto(pageOf(LAB));
  const probar = page.locator('[data-probar]').first();
  await probar.getByRole('button', { name: /Probar GET \/products\?category=pizzas/ }).click();
  await expect(probar).toContainText('200 OK', { timeout: 45_000 });
  await expect(probar.getByLabel('Cuerpo JSON de la respuesta')).toContainText('"category": "pizzas"');
});

test('"▶ Probar" on a suggested WebSocket connection opens it inline, with its log and a send box', async ({ page }) => {
  // Lab 16's start code has no Origin check: the connection from https://evil.example opens (the lesson's point).
  await page.goto(pageOf('lab-16-seguimiento-websocket'));
  const probar = page.locator('[data-probar]').filter({ hasText: 'WebSocket' });
  await probar.getByRole('button', { name: /Probar WebSocket \/orders\// }).click();
  await expect(probar.getByRole('status').filter({ hasText: 'Abierta' })).toBeVisible({ timeout: 60_000 });
  await expect(probar.getByRole('log')).toContainText('welcome');
  const message = probar.getByRole('textbox', { name: /^Mensaje para/ });
  await expect(message).toBeFocused();
  await message.fill('{"type":"ping"}');
  await page.keyboard.press('Enter');
  await expect(probar.getByRole('log')).toContainText('enviado: ');
  await probar.getByRole('button', { name: /^Cerrar/ }).click();
  await expect(probar.getByRole('status').filter({ hasText: 'Cerrada con el código 1000' })).toBeVisible();
});

test('keyboard: reach Run, enter the editor and leave it with Esc then Tab', async ({ page }) => {
  await page.goto(pageOf(LAB));
  const section = page.locator(`[data-sandbox="${LAB}"]`);
  const launch = section.getByRole('button', { name: 'Ejecutar el laboratorio' });
  await launch.focus();
  await page.keyboard.press('Enter');
  await expect(section.getByRole('button', { name: 'Ejecutar todos los servicios' })).toBeFocused({ timeout: 30_000 });
  await expect(section.getByText('Esc y después Tab')).toBeVisible();
  // Like a person, wait for the editor to appear (it loads once the services are up).
  await expect(section.getByText('Cargando el editor…')).toHaveCount(0, { timeout: 60_000 });
  await expect(section.getByRole('textbox', { name: /^Editor de código/ })).toBeAttached();

  const fileTab = section.getByRole('tablist', { name: 'Archivos abiertos' }).getByRole('tab', { selected: true });
  await fileTab.focus();
  await page.keyboard.press('ArrowRight');
  await expect(section.getByRole('tablist', { name: 'Archivos abiertos' }).getByRole('tab', { selected: true })).toBeFocused();
  await page.keyboard.press('Tab'); // close-tab button
  await page.keyboard.press('Tab'); // the editor
  const editor = section.getByRole('textbox', { name: /^Editor de código/ });
  await expect(editor).toBeFocused();
  await page.keyboard.press('Tab'); // inside the editor Tab indents…
  await expect(editor).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab'); // …after Esc it leaves
  await expect(editor).not.toBeFocused();
  await expect(section.getByRole('tablist', { name: 'Paneles del laboratorio' }).getByRole('tab', { selected: true })).toBeFocused();
});

test('is usable at 360 px: panels stack and nothing overflows sideways', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const section = await openLab(page);
  await expectStatus(page, 'products', 'En marcha en :3102');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await section.getByRole('button', { name: 'Catálogo de pizzas' }).click();
  await expect(section.getByRole('region', { name: 'Respuesta' })).toContainText('200 OK');
});
