// Lab mode's «Descargar repositorio» and «Importar repositorio»: the hand-in of issue 19. The zip
// code (handin/, fflate) loads only when one of them is used. An import is checked whole before it
// touches anything; once accepted it replaces the reader's files like «Aplicar solución», with
// «Deshacer» to go back.
import type { LabSession } from './session.ts';
import { openDialog } from './dialog.ts';
import { h } from './dom.ts';

/** A group with both buttons (and the hidden file input), for lab mode's head. */
export function createHandinControls(session: LabSession, say: (text: string) => void, afterImport: () => void): HTMLElement {
  const lab = () => ({
    id: session.lab.id,
    title: session.lab.meta.title,
    services: session.lab.meta.services,
    ...(session.lab.meta.infrastructure ? { infrastructure: session.lab.meta.infrastructure } : {}),
  });

  const download = h('button', { type: 'button', className: 'sbx-btn sbx-btn-small' }, 'Descargar repositorio (.zip)');
  download.addEventListener('click', () => {
    void (async () => {
      download.disabled = true;
      try {
        await session.flush();
        const { buildRepository, zipRepository, repositoryName } = await import('../../handin/index.ts');
        const name = repositoryName(session.lab.id);
        const bytes = zipRepository(await buildRepository(lab(), session.tree), name);
        const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
        const link = h('a', { href: url, download: `${name}.zip`, hidden: true });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        say(`Descargado ${name}.zip (${Math.max(1, Math.round(bytes.length / 1024))} KB): tu código con README, Dockerfile, compose.yaml, CI y una prueba de arranque. Para seguir en otro equipo, «Importar repositorio».`);
      } catch (error) {
        say(`Error: no se pudo preparar el .zip (${error instanceof Error ? error.message : String(error)}).`);
      } finally {
        download.disabled = false;
      }
    })();
  });

  const input = h('input', { type: 'file', accept: '.zip,application/zip', hidden: true, 'aria-hidden': 'true', tabindex: '-1' });
  const importButton = h('button', { type: 'button', className: 'sbx-btn sbx-btn-small' }, 'Importar repositorio…');
  importButton.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) void importFile(file);
  });

  const refuse = async (error: string) => {
    say(`No se importó nada: ${error}`);
    await openDialog({ title: 'No se pudo importar el repositorio', body: error, buttons: [{ label: 'Entendido', value: 'ok', primary: true }] });
  };

  async function importFile(file: File) {
    const { importRepository, IMPORT_LIMITS } = await import('../../handin/index.ts');
    // Refused before reading: a file far too big never enters memory.
    if (file.size > IMPORT_LIMITS.zipBytes) {
      return refuse(`«${file.name}» ocupa ${Math.round(file.size / (1024 * 1024))} MB; un repositorio del curso cabe en ${IMPORT_LIMITS.zipBytes / (1024 * 1024)} MB. ¿Incluye node_modules? Quítalo y vuelve a comprimirlo.`);
    }
    const outcome = await importRepository(new Uint8Array(await file.arrayBuffer()), lab());
    if (!outcome.ok) return refuse(outcome.error);
    const changed = Object.keys({ ...outcome.tree, ...session.tree }).filter((path) => outcome.tree[path] !== session.tree[path]).length;
    const body = h(
      'div',
      {},
      h('p', {}, `«${file.name}» sustituirá tus archivos de este laboratorio: ${Object.keys(outcome.tree).length} archivos, ${changed} distintos de los que tienes ahora. Guardamos una copia de los tuyos: «Deshacer» los recupera.`),
      outcome.ignored.length > 0 ? h('p', { className: 'sbx-muted' }, `No se importan (dependencias, datos de git, salida de compilación o binarios): ${outcome.ignored.slice(0, 8).join(', ')}${outcome.ignored.length > 8 ? ` y ${outcome.ignored.length - 8} más` : ''}.`) : null,
    );
    const choice = await openDialog({ title: '¿Importar el repositorio?', body, buttons: [{ label: 'Importar', value: 'import', primary: true }, { label: 'Cancelar', value: 'cancel' }] });
    if (choice !== 'import') return say('Importación cancelada: tus archivos no han cambiado.');
    await session.importTree(outcome.tree);
    afterImport();
    say(`Repositorio importado (${changed} archivos cambiados). «Deshacer» vuelve a tus archivos de antes.`);
  }

  return h('div', { className: 'sbx-handin', role: 'group', 'aria-label': 'Entrega del laboratorio' }, download, importButton, input);
}
