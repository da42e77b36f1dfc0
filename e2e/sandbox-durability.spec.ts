// Nothing the learner types is lost: a reload at 0 ms or a tab closed right after typing keeps the
// edit (synchronous journal), two tabs of one lab keep each other's files and show each other's
// changes, and damaged or foreign stored data is reported and set aside, never a crash.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';

const LAB = 'lab-04-products-orders';
const PAGE = `/dev/sandbox-ui/${LAB}/`;
const PRODUCTS_APP = 'products-service/src/app.ts';
const ORDERS_APP = 'orders-service/src/app.ts';

test.describe.configure({ timeout: 240_000 });

async function openLab(page: Page) {
  await page.goto(PAGE);
  const section = page.locator(`[data-sandbox="${LAB}"]`);
  await section.scrollIntoViewIfNeeded();
  await expect(section).toHaveAttribute('data-sandbox-ready', 'true', { timeout: 30_000 });
  return section;
}

async function openFile(page: Page, path: string) {
  const section = page.locator(`[data-sandbox="${LAB}"]`);
  await section.getByRole('navigation', { name: 'Archivos del laboratorio' }).getByRole('button', { name: path.split('/').pop(), exact: true }).and(section.locator(`[title="${path}"]`)).click();
  await expect(section.locator('.sbx-root')).toHaveAttribute('data-editor-ready', 'true', { timeout: 60_000 });
}

const editorLines = (page: Page) => page.locator('.monaco-editor .view-lines').first();

/** Monaco renders only the lines in view: find `text` (Ctrl+F, Enter, Esc) so its line is in the DOM. */
async function revealInEditor(page: Page, text: string) {
  await expect(page.locator('.monaco-editor .view-line').first()).toBeVisible({ timeout: 60_000 });
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+KeyF');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

/** Types ` // word` at the end of the /ping route line, as the reader would. */
async function typeWord(page: Page, word: string) {
  await revealInEditor(page, "message: 'pong'");
  const line = page.locator('.monaco-editor .view-line', { hasText: "message: 'pong'" }).first();
  await expect(line).toBeVisible({ timeout: 30_000 });
  await line.click();
  await page.keyboard.press('End');
  await page.keyboard.type(` // ${word}`);
}

/** Erases this origin's sandbox data, so tests do not see each other's edits. */
async function freshOrigin(context: BrowserContext) {
  const page = await context.newPage();
  await page.goto('/');
  await page.evaluate(async () => {
    localStorage.clear();
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase('foodly-sandbox');
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  });
  await page.close();
}

test.beforeEach(async ({ context }) => freshOrigin(context));

test('an edit typed right before a reload (0 ms) is there after it, every time', async ({ page }) => {
  await openLab(page);
  await openFile(page, PRODUCTS_APP);
  for (const word of ['uno', 'dos']) {
    await typeWord(page, word);
    await page.reload();
    await openLab(page);
    await openFile(page, PRODUCTS_APP);
    await revealInEditor(page, "message: 'pong'");
  await expect(editorLines(page)).toContainText(`// ${word}`);
  }
  // The recovered edit reached IndexedDB too: the journal is empty again.
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('foodly-sandbox:journal:')).length)).toBe(0);
});

test('an edit typed right before the tab is closed is there in a new tab', async ({ context }) => {
  for (const word of ['cerrada', 'otra']) {
    const page = await context.newPage();
    await openLab(page);
    await openFile(page, PRODUCTS_APP);
    await typeWord(page, word);
    await page.close({ runBeforeUnload: false });
  }
  const page = await context.newPage();
  await openLab(page);
  await openFile(page, PRODUCTS_APP);
  await revealInEditor(page, "message: 'pong'");
  await expect(editorLines(page)).toContainText('// cerrada // otra');
});

test('two tabs of one lab: each keeps its file, and each shows the other\'s change', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await openLab(first);
  await openLab(second);
  await openFile(first, PRODUCTS_APP);
  await openFile(second, ORDERS_APP);
  await typeWord(first, 'desdeA');
  await typeWord(second, 'desdeB');
  // Each tab hears of the other's save and shows it.
  await expect(second.getByRole('status').filter({ hasText: `Otra pestaña de este laboratorio cambió ${PRODUCTS_APP}` })).toBeVisible({ timeout: 10_000 });
  await expect(first.getByRole('status').filter({ hasText: `Otra pestaña de este laboratorio cambió ${ORDERS_APP}` })).toBeVisible({ timeout: 10_000 });
  await openFile(second, PRODUCTS_APP);
  await revealInEditor(second, "message: 'pong'");
  await expect(editorLines(second)).toContainText('// desdeA');

  // The second tab edits that file too: the first tab, with nothing unsaved there, shows it.
  await typeWord(second, 'otraVezB');
  await openFile(first, ORDERS_APP);
  await revealInEditor(first, "message: 'pong'");
  await expect(editorLines(first)).toContainText('// desdeB');
  await openFile(first, PRODUCTS_APP);
  await revealInEditor(first, "message: 'pong'");
  await expect(editorLines(first)).toContainText('// desdeA // otraVezB', { timeout: 10_000 });

  // A third tab sees both edits: the last writer did not wipe the other file.
  await first.close();
  await second.close();
  const third = await context.newPage();
  await openLab(third);
  await openFile(third, PRODUCTS_APP);
  await revealInEditor(third, "message: 'pong'");
  await expect(editorLines(third)).toContainText('// desdeA // otraVezB');
  await openFile(third, ORDERS_APP);
  await revealInEditor(third, "message: 'pong'");
  await expect(editorLines(third)).toContainText('// desdeB');
});

test('damaged records are reported and set aside; the next keystroke saves a valid record', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(PAGE);
  await page.evaluate(async (lab) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('foodly-sandbox', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('kv');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise((resolve) => {
      const tx = db.transaction('kv', 'readwrite');
      tx.objectStore('kv').put({ version: 1, files: 'garbage' }, `lab:${lab}:edits`);
      tx.objectStore('kv').put({ version: 1, tree: 'garbage', reason: 'reset', savedAt: 1 }, `lab:${lab}:undo`);
      tx.objectStore('kv').put([null], `lab:${lab}:history`);
      tx.oncomplete = resolve;
    });
    db.close();
  }, LAB);
  const section = await openLab(page);
  await expect(section.getByRole('status').filter({ hasText: 'estaba dañado' })).toBeVisible();
  await expect(section.getByRole('button', { name: 'Deshacer' })).toBeHidden();
  await section.getByText('Historial').click();
  await expect(section.getByText('Aún no has enviado peticiones.')).toBeVisible();
  await openFile(page, PRODUCTS_APP);
  await typeWord(page, 'sano');
  await page.locator(`[data-sandbox="${LAB}"]`).getByRole('button', { name: 'Ejecutar todos los servicios' }).click();
  const stored = await page.evaluate(async (lab) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open('foodly-sandbox');
      request.onsuccess = () => resolve(request.result);
    });
    const read = (key: IDBValidKey | IDBKeyRange, all = false) =>
      new Promise<unknown>((resolve) => {
        const store = db.transaction('kv').objectStore('kv');
        const request = all ? store.getAllKeys(key) : store.get(key);
        request.onsuccess = () => resolve(request.result);
      });
    for (let i = 0; i < 50 && !(await read(`lab:${lab}:edits`) as { version?: number } | undefined)?.version; i++) await new Promise((r) => setTimeout(r, 100));
    return { edits: await read(`lab:${lab}:edits`), backups: await read(IDBKeyRange.bound(`lab:${lab}:backup:`, `lab:${lab}:backup:\uffff`), true) };
  }, LAB);
  expect(stored.edits).toMatchObject({ version: 2, files: { [PRODUCTS_APP]: { content: expect.stringContaining('// sano') } } });
  expect(Object.keys((stored.edits as { files: object }).files)).toEqual([PRODUCTS_APP]);
  expect((stored.backups as string[]).length).toBe(3);
  expect(errors).toEqual([]);
});

test('IndexedDB left at a foreign version: the sandbox still works, says so, and keeps edits in the journal', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(PAGE);
  await page.evaluate(async () => {
    await new Promise((resolve, reject) => {
      const request = indexedDB.open('foodly-sandbox', 7);
      request.onupgradeneeded = () => request.result.createObjectStore('someone-else');
      request.onsuccess = () => {
        request.result.close();
        resolve(undefined);
      };
      request.onerror = () => reject(request.error);
    });
  });
  const section = await openLab(page);
  await expect(section.getByRole('status').filter({ hasText: 'no deja usar la base de datos del sandbox' })).toBeVisible();
  await openFile(page, PRODUCTS_APP);
  await typeWord(page, 'en el diario');
  await section.getByRole('button', { name: 'Ejecutar todos los servicios' }).click();
  await expect(section.locator('.sbx-status').first()).toContainText('En marcha', { timeout: 30_000 });
  await page.reload();
  await openLab(page);
  await openFile(page, PRODUCTS_APP);
  await revealInEditor(page, "message: 'pong'");
  await expect(editorLines(page)).toContainText('// en el diario');
  expect(errors).toEqual([]);
});
