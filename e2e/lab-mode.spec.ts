// Lab mode (issue 15): the sandbox full width with its own URL (#lab=<id>), resizable panes
// remembered per reader, keyboard shortcuts with a help dialog, state kept across leaving,
// re-entering and reloading, a second window, and one pane at a time on a phone.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const LAB = 'lab-04-products-orders';
const PAGE = `/dev/sandbox-ui/${LAB}/`;
const HASH = `#lab=${LAB}`;

test.describe.configure({ timeout: 120_000 });

const root = (page: Page) => page.locator(`[data-sandbox="${LAB}"] .sbx-root`);
const status = (page: Page, name: string) => root(page).locator('.sbx-service').filter({ has: page.getByText(name, { exact: true }) }).locator('.sbx-status');

async function openInline(page: Page) {
  await page.goto(PAGE);
  const section = page.locator(`[data-sandbox="${LAB}"]`);
  await section.scrollIntoViewIfNeeded();
  await expect(section).toHaveAttribute('data-sandbox-ready', 'true', { timeout: 30_000 });
  return section;
}

async function openLabMode(page: Page) {
  await page.goto(PAGE + HASH);
  await expect(root(page)).toHaveAttribute('data-lab-mode', 'true', { timeout: 30_000 });
}

const box = async (page: Page, selector: string) => (await root(page).locator(selector).first().boundingBox())!;

test('opens from the button with its own URL, full width, code and response side by side; closes back to the lesson', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const section = await openInline(page);
  await section.getByRole('button', { name: '⤢ Modo laboratorio' }).click();
  await expect(page).toHaveURL(new RegExp(`${HASH}$`));
  await expect(root(page)).toHaveAttribute('data-lab-mode', 'true');
  const whole = await box(page, ':scope');
  expect(whole.width).toBeGreaterThanOrEqual(1270);
  expect(whole.height).toBeGreaterThanOrEqual(790);
  // Steps | code | result, side by side and all inside the window.
  const steps = await box(page, '.sbx-steps-pane');
  const code = await box(page, '.sbx-code-pane');
  const result = await box(page, '.sbx-result-pane');
  expect(steps.x + steps.width).toBeLessThanOrEqual(code.x + 1);
  expect(code.x + code.width).toBeLessThanOrEqual(result.x + 1);
  expect(result.x + result.width).toBeLessThanOrEqual(1280);
  expect(code.width).toBeGreaterThan(400);
  // The steps are the lesson's, checkable, with their inline code.
  const firstStep = root(page).locator('.sbx-step').first();
  await firstStep.getByRole('checkbox').check();
  await expect(firstStep).toHaveAttribute('data-done', 'true');
  // The rest of the page is inert while lab mode covers it.
  expect(await page.locator('.site-header, header').first().evaluate((el) => el.closest('[inert]') !== null)).toBe(true);

  await root(page).getByRole('button', { name: '⤡ Volver a la lección' }).click();
  await expect(root(page)).not.toHaveAttribute('data-lab-mode', 'true');
  await expect(page).not.toHaveURL(/#lab=/);
  await expect(section.getByRole('button', { name: '⤢ Modo laboratorio' })).toBeFocused();
  // The tick survives: it is remembered per lab.
  await page.reload();
  await openLabMode(page);
  await expect(root(page).locator('.sbx-step').first().getByRole('checkbox')).toBeChecked();
});

test('keyboard: Alt+Shift+L opens and closes, shortcuts run, send, check and switch panes, ? lists them, text fields keep their keys', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const section = await openInline(page);
  await section.getByRole('button', { name: 'Atajos de teclado' }).focus();
  await page.keyboard.press('Alt+Shift+KeyL');
  await expect(root(page)).toHaveAttribute('data-lab-mode', 'true');
  await expect(page).toHaveURL(new RegExp(`${HASH}$`));

  await page.keyboard.press('Alt+Shift+KeyR');
  await expect(status(page, 'products')).toHaveText('En marcha en :3102', { timeout: 30_000 });
  await expect(status(page, 'orders')).toHaveText('En marcha en :3103', { timeout: 30_000 });

  // Typing "?" in the URL field types it; the help does not open.
  const url = root(page).getByLabel('URL');
  await url.fill('http://localhost:3102/products');
  await url.press('End');
  await page.keyboard.type('?category=pizzas');
  await expect(url).toHaveValue('http://localhost:3102/products?category=pizzas');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // Alt+Shift+Enter sends it, from the field itself.
  await page.keyboard.press('Alt+Shift+Enter');
  await expect(root(page).getByRole('region', { name: 'Respuesta' })).toContainText('200 OK', { timeout: 30_000 });

  // Panes: 2 → editor, 3 → result tabs, 1 → steps.
  await expect(root(page)).toHaveAttribute('data-editor-ready', 'true', { timeout: 60_000 });
  await page.keyboard.press('Alt+Shift+Digit2');
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null)).toBe(true);
  // Inside the editor "?" is a character, and Alt+Shift+3 still leaves it.
  await page.keyboard.press('Alt+Shift+Digit3');
  await expect(root(page).getByRole('tab', { name: 'Cliente HTTP' })).toBeFocused();
  await page.keyboard.press('Alt+Shift+Digit1');
  await expect(root(page).locator('.sbx-steps-pane')).toBeFocused();

  // ? opens the list of shortcuts; Esc closes it.
  await page.keyboard.press('Shift+Slash');
  const help = page.getByRole('dialog', { name: 'Atajos de teclado' });
  await expect(help).toBeVisible();
  for (const keys of ['Alt+Mayús+R', 'Alt+Mayús+Intro', 'Alt+Mayús+C', 'Alt+Mayús+L', 'Alt+Mayús+1', 'Ctrl+S (⌘S en Mac)', '?']) await expect(help.getByRole('rowheader', { name: keys, exact: true })).toBeVisible();
  expect(await new AxeBuilder({ page }).include('dialog').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze().then((r) => r.violations.map((v) => v.id))).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // Alt+Shift+C runs the checks (the start code fails some of them: the lab is not done).
  await page.keyboard.press('Alt+Shift+KeyC');
  await expect(root(page).locator('.sbx-checks-summary')).toContainText('comprobaciones superadas', { timeout: 60_000 });

  await page.keyboard.press('Alt+Shift+KeyL');
  await expect(root(page)).not.toHaveAttribute('data-lab-mode', 'true');
});

test('panes resize with the mouse and the keyboard, and the widths are remembered after a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLabMode(page);
  const separator = root(page).getByRole('separator', { name: 'Ancho del resultado' });
  const before = Number(await separator.getAttribute('aria-valuenow'));
  const widthBefore = (await box(page, '.sbx-result-pane')).width;
  await separator.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await expect(separator).toHaveAttribute('aria-valuenow', String(before + 6));
  expect((await box(page, '.sbx-result-pane')).width).toBeGreaterThan(widthBefore + 50);
  // Dragging the steps separator to 300 px.
  const steps = root(page).getByRole('separator', { name: 'Ancho de los pasos' });
  const handle = (await steps.boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + 100);
  await page.mouse.down();
  await page.mouse.move(300, handle.y + 120, { steps: 5 });
  await page.mouse.up();
  const stepsWidth = (await box(page, '.sbx-steps-pane')).width;
  expect(Math.abs(stepsWidth + 12 - 300)).toBeLessThan(30);

  await page.reload();
  await expect(root(page)).toHaveAttribute('data-lab-mode', 'true', { timeout: 30_000 });
  await expect(root(page).getByRole('separator', { name: 'Ancho del resultado' })).toHaveAttribute('aria-valuenow', String(before + 6));
  expect(Math.abs((await box(page, '.sbx-steps-pane')).width - stepsWidth)).toBeLessThan(3);
  // A damaged stored layout falls back to the defaults instead of an unusable workspace.
  await page.evaluate(() => localStorage.setItem('foodly-sandbox-layout', '{"steps":"x","result":99}'));
  await page.reload();
  await expect(root(page)).toHaveAttribute('data-lab-mode', 'true', { timeout: 30_000 });
  expect((await box(page, '.sbx-code-pane')).width).toBeGreaterThan(300);
});

test('the file tree folds away so the editor takes its width, and stays folded after a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLabMode(page);
  const tree = root(page).getByRole('navigation', { name: 'Archivos del laboratorio' });
  const toggle = root(page).getByRole('button', { name: 'Ocultar archivos' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const before = (await root(page).locator('.sbx-editor').boundingBox())!.width;
  await toggle.click();
  await expect(tree).toBeHidden();
  const shown = root(page).getByRole('button', { name: 'Archivos', exact: true });
  await expect(shown).toHaveAttribute('aria-expanded', 'false');
  await expect.poll(async () => (await root(page).locator('.sbx-editor').boundingBox())!.width).toBeGreaterThan(before + 100);
  await page.reload();
  await expect(root(page)).toHaveAttribute('data-lab-mode', 'true', { timeout: 30_000 });
  await expect(tree).toBeHidden();
  await root(page).getByRole('button', { name: 'Archivos', exact: true }).click();
  await expect(tree).toBeVisible();
});

test('leaving and re-entering keeps running services, files, tabs and history; a reload keeps files, tabs and history', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLabMode(page);
  await root(page).getByRole('button', { name: 'Ejecutar todos los servicios' }).click();
  await expect(status(page, 'products')).toHaveText('En marcha en :3102', { timeout: 30_000 });
  await root(page).getByRole('navigation', { name: 'Archivos del laboratorio' }).locator('[title="products-service/src/app.ts"]').click();
  await expect(root(page).getByRole('tab', { name: 'app.ts', selected: true })).toHaveAttribute('title', 'products-service/src/app.ts');
  // The form starts with the lab's first suggested request (GET /products?category=pizzas).
  await expect(root(page).getByLabel('Petición sugerida')).toBeVisible();
  await root(page).getByRole('button', { name: 'Enviar' }).click();
  await expect(root(page).getByRole('region', { name: 'Respuesta' })).toContainText('200 OK', { timeout: 30_000 });
  // An edit (not applied): it must survive everything below.
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('logger', { timeout: 60_000 });
  await page.locator('.monaco-editor .view-line').first().click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('// nota de la lectora\n');

  await page.keyboard.press('Alt+Shift+KeyL');
  await expect(root(page)).not.toHaveAttribute('data-lab-mode', 'true');
  await expect(status(page, 'products')).toHaveText('En marcha en :3102');
  await root(page).getByRole('button', { name: '⤢ Modo laboratorio' }).click();
  await expect(root(page)).toHaveAttribute('data-lab-mode', 'true');
  await expect(status(page, 'products')).toHaveText('En marcha en :3102');
  await expect(root(page).getByRole('tab', { name: 'app.ts', selected: true })).toHaveAttribute('title', 'products-service/src/app.ts');
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('// nota de la lectora');
  await expect(root(page).getByRole('region', { name: 'Respuesta' })).toContainText('200 OK');

  await page.reload();
  await expect(root(page)).toHaveAttribute('data-lab-mode', 'true', { timeout: 30_000 });
  await expect(root(page).getByRole('tab', { name: 'app.ts', selected: true })).toHaveAttribute('title', 'products-service/src/app.ts');
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('// nota de la lectora', { timeout: 60_000 });
  await root(page).getByText('Historial').click();
  await expect(root(page).locator('.sbx-history')).toContainText('GET /products');
});

test('a second window opens the same lab mode and sees what the first one saves', async ({ page, context }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLabMode(page);
  const [second] = await Promise.all([context.waitForEvent('page'), root(page).getByRole('link', { name: 'Abrir en otra ventana' }).click()]);
  await expect(second).toHaveURL(new RegExp(`${HASH}$`));
  await expect(root(second)).toHaveAttribute('data-lab-mode', 'true', { timeout: 30_000 });
  await expect(root(second)).toHaveAttribute('data-editor-ready', 'true', { timeout: 60_000 });

  await expect(root(page)).toHaveAttribute('data-editor-ready', 'true', { timeout: 60_000 });
  await page.bringToFront();
  await page.locator('.monaco-editor .view-line').first().click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('// desde la primera ventana\n');
  await page.keyboard.press('ControlOrMeta+KeyS');
  await expect(root(second).locator('.sbx-message')).toContainText('Otra pestaña de este laboratorio cambió', { timeout: 15_000 });
  await expect(second.locator('.monaco-editor .view-lines').first()).toContainText('// desde la primera ventana');
});

test('on a 360 px phone the panes are one at a time, nothing overflows, and lab mode is axe clean', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openLabMode(page);
  const panes = root(page).getByRole('group', { name: 'Panel visible' });
  await expect(panes).toBeVisible();
  await expect(root(page).locator('.sbx-code-pane')).toBeVisible();
  await expect(root(page).locator('.sbx-result-pane')).toBeHidden();
  await panes.getByRole('button', { name: 'Resultado' }).click();
  await expect(root(page).locator('.sbx-result-pane')).toBeVisible();
  await expect(root(page).locator('.sbx-code-pane')).toBeHidden();
  await expect(panes.getByRole('button', { name: 'Resultado' })).toHaveAttribute('aria-pressed', 'true');
  await panes.getByRole('button', { name: 'Pasos' }).click();
  await expect(root(page).locator('.sbx-steps-pane')).toBeVisible();
  for (const pane of ['Pasos', 'Código', 'Resultado']) {
    await panes.getByRole('button', { name: pane }).click();
    const overflow = await root(page).evaluate((el) => {
      const limit = el.getBoundingClientRect().right + 1;
      const wide = [...el.querySelectorAll<HTMLElement>('*')].filter((child) => child.getClientRects().length > 0 && child.getBoundingClientRect().right > limit && !child.closest('.sbx-toolbar, .monaco-editor, .sbx-log-view, .sbx-tablist'));
      return { scroll: el.scrollWidth - el.clientWidth, wide: wide.slice(0, 3).map((child) => `${child.tagName}.${child.className}`) };
    });
    expect(overflow, pane).toEqual({ scroll: 0, wide: [] });
  }
  const results = await new AxeBuilder({ page }).include('.sbx-root').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.screenshot({ path: 'test-results/lab-mode-360.png' });
});

test('lab mode at 1280x800 is axe clean', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLabMode(page);
  await expect(root(page)).toHaveAttribute('data-editor-ready', 'true', { timeout: 60_000 });
  const results = await new AxeBuilder({ page }).include('.sbx-root').exclude('.monaco-editor').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.screenshot({ path: 'test-results/lab-mode-1280.png' });
});

test('the final project at 1280x800: each of its six services takes one line, with symbols for its buttons and their words for assistive technology', async ({ page }) => {
  const lab = 'lab-29-proyecto-final';
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/dev/sandbox-ui/${lab}/#lab=${lab}`);
  const labRoot = page.locator(`[data-sandbox="${lab}"] .sbx-root`);
  await expect(labRoot).toHaveAttribute('data-lab-mode', 'true', { timeout: 30_000 });
  const rows = labRoot.locator('.sbx-service');
  await expect(rows).toHaveCount(6);
  // Running is the longest status ("En marcha en :3104"), the one that wrapped.
  await labRoot.locator('button.sbx-btn-primary', { hasText: 'Ejecutar' }).first().click();
  for (const status of await rows.locator('.sbx-status').all()) await expect(status).toHaveAttribute('data-state', 'running', { timeout: 90_000 });
  const lineHeight = await rows.first().locator('.sbx-status').evaluate((node) => parseFloat(getComputedStyle(node).lineHeight));
  for (const row of await rows.all()) {
    const height = (await row.boundingBox())!.height;
    expect(height, await row.innerText()).toBeLessThan(lineHeight * 1.5 + 8);
  }
  // The names line up as a table: every row's status starts at the same x.
  const starts = await Promise.all((await rows.locator('.sbx-status').all()).map(async (status) => Math.round((await status.boundingBox())!.x)));
  expect(new Set(starts).size).toBe(1);
  await expect(labRoot.getByRole('button', { name: 'Parar gateway' })).toHaveAttribute('title', 'Parar gateway');
});
