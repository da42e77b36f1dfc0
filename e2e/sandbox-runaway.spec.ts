// Runaway learner code never freezes the page: with each runaway below, the longest main-thread
// block (Long Tasks API) stays under 200 ms, and the service is stopped within 5 s when it cannot
// stop by itself, with a message that says why.
import { availableParallelism, loadavg } from 'node:os';
import { expect, test, type Locator, type Page } from '@playwright/test';

const LAB = 'lab-04-products-orders';

test.describe.configure({ timeout: 240_000 });

async function openLab(page: Page) {
  await page.goto(`/dev/sandbox-ui/${LAB}/`);
  const section = page.locator(`[data-sandbox="${LAB}"]`);
  await section.getByRole('button', { name: 'Ejecutar el laboratorio' }).click();
  await expect(section).toHaveAttribute('data-sandbox-ready', 'true', { timeout: 30_000 });
  return section;
}

const productsStatus = (page: Page) => page.getByRole('listitem').filter({ has: page.getByText('products', { exact: true }) }).locator('.sbx-status');

/** Monaco renders only the lines in view: find `text` (Ctrl+F, Enter, Esc) so its line is in the DOM. */
async function revealInEditor(page: Page, text: string) {
  await expect(page.locator('.monaco-editor .view-line').first()).toBeVisible({ timeout: 60_000 });
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+KeyF');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

/** Adds a line after the /ping route of products-service and applies it (Ctrl+S). */
async function addCode(page: Page, section: Locator, line: string, { expectRunning = true } = {}) {
  await expect(productsStatus(page)).toHaveText('En marcha en :3102', { timeout: 30_000 });
  await section.getByRole('navigation', { name: 'Archivos del laboratorio' }).getByRole('button', { name: 'app.ts', exact: true }).and(section.locator('[title="products-service/src/app.ts"]')).click();
  await revealInEditor(page, "message: 'pong'");
  await page.locator('.monaco-editor .view-line', { hasText: "message: 'pong'" }).locator('span span', { hasText: 'pong' }).first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(line);
  await page.keyboard.press('ControlOrMeta+KeyS');
  await expect(section.getByRole('status').filter({ hasText: 'reiniciado: products' })).toBeVisible();
  if (expectRunning) await expect(productsStatus(page)).toHaveText('En marcha en :3102', { timeout: 30_000 });
}

/** From now on, records every main-thread task longer than 50 ms. */
async function watchMainThread(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
}

const longestBlock = (page: Page) => page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));

/**
 * The 200 ms target holds on a machine with CPU to spare. On an oversubscribed one (CI runners
 * shared by several jobs: load average above 1.5 per core) every task runs several times slower
 * and the number says nothing about the page, so it is recorded but not asserted.
 */
function expectUnderWhenMachineIsFree(what: string, measured: number, ms: number) {
  const load = loadavg()[0]! / availableParallelism();
  test.info().annotations.push({ type: what, description: `${Math.round(measured)} ms (load ${load.toFixed(1)} per core)` });
  if (load <= 1.5) expect(measured, what).toBeLessThan(ms);
}

async function expectLongestBlockUnder(page: Page, ms: number) {
  expectUnderWhenMachineIsFree('longest main-thread block', await longestBlock(page), ms);
}

/** Sends GET `path` to products from the HTTP panel; resolves with the time it was sent. */
async function send(section: Locator, path: string): Promise<number> {
  await section.getByRole('tab', { name: 'Cliente HTTP' }).click();
  await section.getByLabel('URL').fill(`http://localhost:3102${path}`);
  await section.getByRole('button', { name: 'Enviar' }).click();
  return Date.now();
}

/** The page answers a click while the runaway runs: the click's handler runs within 200 ms. */
async function answersInput(page: Page, section: Locator) {
  const latency = await section.getByRole('tab', { name: 'Registros' }).evaluate(
    (tab) =>
      new Promise<number>((resolve) => {
        const sentAt = performance.now();
        tab.addEventListener('click', () => resolve(performance.now() - sentAt), { once: true });
        setTimeout(() => tab.dispatchEvent(new MouseEvent('click', { bubbles: true })), 0);
      }),
  );
  expectUnderWhenMachineIsFree('click handled after', latency, 200);
}

test('while (true) console.log: stopped within 5 s with a message that says why, page never blocked', async ({ page }) => {
  const section = await openLab(page);
  await addCode(page, section, "app.get('/flood', () => { while (true) console.log('línea', Date.now()); });");
  await watchMainThread(page);
  const sentAt = await send(section, '/flood');
  await answersInput(page, section);
  await expect(productsStatus(page)).toContainText('líneas por segundo en los registros', { timeout: 5_000 });
  expect(Date.now() - sentAt).toBeLessThan(5_000);
  await expect(section.getByRole('list', { name: 'Registros' })).toContainText('líneas omitidas');
  await expectLongestBlockUnder(page, 200);
  await section.getByRole('tab', { name: 'Cliente HTTP' }).click();
  await expect(section.getByRole('region', { name: 'Respuesta' })).toContainText('se detuvo antes de responder');
});

test('a handler that logs a million lines answers, and the logs say how many were left out', async ({ page }) => {
  const section = await openLab(page);
  await addCode(page, section, "app.get('/million', (c) => { for (let i = 0; i < 1e6; i++) console.log('línea', i); return c.text('hecho'); });");
  await watchMainThread(page);
  await send(section, '/million');
  await answersInput(page, section);
  await section.getByRole('tab', { name: 'Cliente HTTP' }).click();
  await expect(section.getByRole('region', { name: 'Respuesta' })).toContainText('hecho', { timeout: 30_000 });
  await section.getByRole('tab', { name: 'Registros' }).click();
  await expect(section.getByRole('list', { name: 'Registros' })).toContainText('líneas omitidas');
  // Virtualised: a handful of rows in the DOM, not a million (nor the 5000 kept).
  expect(await section.locator('.sbx-log').count()).toBeLessThan(100);
  await expectLongestBlockUnder(page, 200);
});

test('a big (5 MB) response is shown cut, with the whole one to download, without blocking the page', async ({ page }) => {
  const section = await openLab(page);
  await addCode(page, section, "app.get('/big', (c) => c.body(new Uint8Array(5 * 1024 * 1024).fill(120), 200, { 'content-type': 'text/plain' }));");
  await watchMainThread(page);
  await send(section, '/big');
  const result = section.getByRole('region', { name: 'Respuesta' });
  await expect(result).not.toHaveText('', { timeout: 30_000 });
  expect(await result.textContent(), `products: ${await productsStatus(page).textContent()}`).toContain('se muestran los primeros');
  await expect(result.getByRole('link', { name: 'Descargar completa' })).toBeVisible();
  await expectLongestBlockUnder(page, 200);
  // History keeps the request, never the answer.
  // Polled, and every IndexedDB failure answers: a read that throws must fail the test, not hang it.
  const storedHistory = () =>
    page.evaluate(
      (lab) =>
        new Promise<number | string>((resolve) => {
          const open = indexedDB.open('foodly-sandbox');
          open.onerror = () => resolve(`open: ${open.error?.message}`);
          open.onsuccess = () => {
            try {
              const request = open.result.transaction('kv').objectStore('kv').get(`lab:${lab}:history`);
              request.onsuccess = () => resolve(JSON.stringify(request.result ?? []).length);
              request.onerror = () => resolve(`get: ${request.error?.message}`);
            } catch (error) {
              resolve(`read: ${(error as Error).message}`);
            } finally {
              open.result.close();
            }
          };
        }),
      LAB,
    );
  await expect.poll(storedHistory, { timeout: 15_000 }).toBeLessThan(10_000);
});

test('an allocation too big for memory is reported as memory, not as an infinite loop', async ({ page }) => {
  const section = await openLab(page);
  await addCode(page, section, "const huge = 'x'.repeat(2 ** 30); console.log(huge.length);", { expectRunning: false });
  await expect(productsStatus(page)).toContainText('Sin memoria', { timeout: 15_000 });
  await expect(productsStatus(page)).not.toContainText('bucle infinito');
});
