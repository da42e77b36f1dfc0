// Lab 28 in the page: the checks read the files as the learner edits them (ctx.readFile and
// ctx.inspectFile through the browser engine), and the editor colours YAML and Dockerfiles.
import { expect, test, type Page } from '@playwright/test';

const LAB = 'lab-28-contenedores';

test.describe.configure({ timeout: 120_000 });

async function openLab(page: Page) {
  await page.goto(`/dev/sandbox-ui/${LAB}/`);
  const section = page.locator(`[data-sandbox="${LAB}"]`);
  await section.scrollIntoViewIfNeeded();
  await expect(section).toHaveAttribute('data-sandbox-ready', 'true', { timeout: 30_000 });
  return section;
}

/** Plain text renders every token with Monaco's default class (mtk1); a tokenizer colours some. */
async function expectColoured(page: Page) {
  await expect(page.locator('.monaco-editor .view-line span span:not(.mtk1)').first()).toBeVisible({ timeout: 30_000 });
}

async function openFile(section: ReturnType<Page['locator']>, path: string) {
  await section.getByRole('navigation', { name: 'Archivos del laboratorio' }).getByRole('button', { name: path.split('/').pop(), exact: true }).and(section.locator(`[title="${path}"]`)).click();
}

/** Ctrl+F `text`, Enter, Esc: Monaco leaves the match selected, so typing replaces it. */
async function selectInEditor(page: Page, text: string) {
  await expect(page.locator('.monaco-editor .view-line').first()).toBeVisible({ timeout: 60_000 });
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+KeyF');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

test('lab 28: Comprobar validates compose.yaml as edited in the editor, with the line of the typo', async ({ page }) => {
  const section = await openLab(page);
  await openFile(section, 'compose.yaml');
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('services:', { timeout: 30_000 });
  await expectColoured(page);

  await section.getByRole('tab', { name: 'Comprobaciones' }).click();
  await section.getByRole('button', { name: 'Comprobar' }).click();
  const composeCheck = section.getByRole('listitem').filter({ hasText: 'compose.yaml es válido según la especificación de Compose' });
  await expect(composeCheck).toContainText('No superada', { timeout: 60_000 });
  await expect(composeCheck).toContainText('«enviroment»');
  await expect(composeCheck).toContainText('línea 15');

  await selectInEditor(page, 'enviroment');
  await page.keyboard.type('environment');
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('environment:');
  await section.getByRole('tab', { name: 'Comprobaciones' }).click();
  await section.getByRole('button', { name: 'Comprobar' }).click();
  await expect(composeCheck).not.toContainText('No superada', { timeout: 60_000 });
  await expect(composeCheck).not.toContainText('enviroment');
  // The Dockerfile is still the naive one.
  await expect(section.getByRole('listitem').filter({ hasText: 'Dockerfile: la imagen final corre con un usuario sin privilegios' })).toContainText('No superada');

  await openFile(section, 'Dockerfile');
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('FROM node:24', { timeout: 30_000 });
  await expectColoured(page);
});
