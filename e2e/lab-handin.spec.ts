// The hand-in in lab mode (issue 19) and «Nuevo archivo»: a file the reader creates is in the tree,
// the editor and the downloaded .zip; a zip imported back replaces the files (with «Deshacer»); a
// file that is not a zip, or one that climbs out of the folder, is refused with a reason and
// changes nothing.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { readZip, zipRepository } from '../src/sandbox/handin/zip.ts';
import { zipSync, strToU8 } from 'fflate';

const LAB = 'lab-04-products-orders';
const PAGE = `/dev/sandbox-ui/${LAB}/#lab=${LAB}`;
const NEW_FILE = 'products-service/src/notas.ts';

test.describe.configure({ timeout: 120_000 });

const root = (page: Page) => page.locator(`[data-sandbox="${LAB}"] .sbx-root`);
const editorText = (page: Page) => page.locator('.monaco-editor .view-lines').first();

async function openLabMode(page: Page) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(PAGE);
  await expect(root(page)).toHaveAttribute('data-lab-mode', 'true', { timeout: 30_000 });
  await expect(root(page)).toHaveAttribute('data-editor-ready', 'true', { timeout: 60_000 });
}

test('a new file, downloaded as a repository, imported back; bad zips change nothing', async ({ page }) => {
  await openLabMode(page);
  const tree = root(page).getByRole('navigation', { name: 'Archivos del laboratorio' });

  // «Nuevo archivo»: a path that leaves the lab is explained in the dialog; a good one opens the file.
  await tree.getByRole('button', { name: '+ Nuevo archivo' }).click();
  let dialog = page.getByRole('dialog', { name: 'Nuevo archivo' });
  await dialog.getByLabel('Ruta del archivo, desde la raíz del laboratorio').fill('../fuera.ts');
  await dialog.getByLabel('Ruta del archivo, desde la raíz del laboratorio').press('Enter');
  dialog = page.getByRole('dialog', { name: 'Nuevo archivo' });
  await expect(dialog).toContainText('La ruta no puede tener «..»');
  await expect(dialog.getByLabel('Ruta del archivo, desde la raíz del laboratorio')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Ruta del archivo, desde la raíz del laboratorio').fill(NEW_FILE);
  await dialog.getByRole('button', { name: 'Crear' }).click();
  await expect(tree.getByRole('button', { name: 'notas.ts' })).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('.monaco-editor').first()).toHaveClass(/\bfocused\b/);
  await page.keyboard.type("export const nota = 'mía';");
  await expect(editorText(page)).toContainText("export const nota = 'mía';");
  // A reload right after typing keeps the new file and its text (the edit journal, before IndexedDB).
  await page.reload();
  await expect(root(page)).toHaveAttribute('data-editor-ready', 'true', { timeout: 60_000 });
  await tree.getByRole('button', { name: 'notas.ts' }).click();
  await expect(editorText(page)).toContainText("export const nota = 'mía';");

  // Download: the zip holds the new file, the generated repository files and the manifest.
  const [download] = await Promise.all([page.waitForEvent('download'), root(page).getByRole('button', { name: 'Descargar repositorio (.zip)' }).click()]);
  expect(download.suggestedFilename()).toBe(`foodly-${LAB}.zip`);
  const read = readZip(new Uint8Array(await readFile((await download.path())!)));
  if (!read.ok) throw new Error(read.error);
  expect(read.tree[NEW_FILE]).toBe("export const nota = 'mía';");
  for (const path of ['README.md', 'compose.yaml', 'Dockerfile', '.github/workflows/ci.yml', 'test/arranque.test.ts', '.foodly/entrega.json', 'package.json', 'products-service/src/server.ts']) expect(read.tree[path], path).toBeDefined();
  await expect(root(page).getByRole('status').filter({ hasText: `foodly-${LAB}.zip` })).toBeVisible();

  const input = root(page).locator('input[type="file"]');
  // Not a zip, then a zip that climbs out of its folder: refused, files unchanged.
  for (const [name, bytes, reason] of [
    ['notas.zip', Buffer.from('esto no es un zip'), 'no es un .zip'],
    ['trampa.zip', Buffer.from(zipSync({ '../../evil.ts': strToU8('x') })), 'sale de la carpeta con «..»'],
  ] as const) {
    await input.setInputFiles({ name, mimeType: 'application/zip', buffer: bytes });
    const refused = page.getByRole('dialog', { name: 'No se pudo importar el repositorio' });
    await expect(refused).toContainText(reason);
    await refused.getByRole('button', { name: 'Entendido' }).click();
    await expect(editorText(page)).toContainText("export const nota = 'mía';");
  }

  // Import the downloaded repository with one change, as if edited on another machine.
  const edited = { ...read.tree, [NEW_FILE]: "export const nota = 'de otro equipo';" };
  await input.setInputFiles({ name: 'mi-repo.zip', mimeType: 'application/zip', buffer: Buffer.from(zipRepository(edited, 'mi-repo-main')) });
  const confirm = page.getByRole('dialog', { name: '¿Importar el repositorio?' });
  await expect(confirm).toContainText('1 distintos de los que tienes ahora');
  await confirm.getByRole('button', { name: 'Importar' }).click();
  await expect(editorText(page)).toContainText("export const nota = 'de otro equipo';");
  // The generated files stay out of the lab's tree; the reader's stay in it.
  await expect(tree.getByRole('button', { name: 'Dockerfile' })).toHaveCount(0);
  await expect(root(page).getByRole('button', { name: 'Deshacer' })).toBeFocused();

  // Survives a reload (stored like any edit), and «Deshacer» would bring back the version before.
  // (an import is stored whole before the editor shows it, like «Aplicar solución»)
  await page.reload();
  await expect(root(page)).toHaveAttribute('data-editor-ready', 'true', { timeout: 60_000 });
  await tree.getByRole('button', { name: 'notas.ts' }).click();
  await expect(editorText(page)).toContainText("export const nota = 'de otro equipo';");
  await root(page).getByRole('button', { name: 'Deshacer' }).click();
  await expect(editorText(page)).toContainText("export const nota = 'mía';");
});
