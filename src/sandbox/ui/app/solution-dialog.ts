// "Ver solución": the differences between the reader's files and the solution, file by file.
import { diffTrees, type FileChange } from '../core/line-diff.ts';
import { openDialog } from './dialog.ts';
import { h } from './dom.ts';
import type { LabSession } from './session.ts';

function renderChange(change: FileChange): HTMLElement {
  const status = { modified: 'modificado', added: 'nuevo en la solución', removed: 'no está en la solución' }[change.status];
  const rows = change.hunks.flatMap((hunk, index) => [
    ...(index > 0 ? [h('span', { className: 'sbx-diff-gap' }, '⋯\n')] : []),
    ...hunk.lines.map((line) => {
      const sign = line.kind === 'added' ? '+' : line.kind === 'removed' ? '-' : ' ';
      const label = line.kind === 'added' ? 'Añadida: ' : line.kind === 'removed' ? 'Quitada: ' : '';
      return h('span', { className: `sbx-diff-${line.kind}` }, label ? h('span', { className: 'visually-hidden' }, label) : null, `${sign} ${line.text}\n`);
    }),
  ]);
  return h(
    'details',
    { open: true, className: 'sbx-diff-file' },
    h('summary', {}, h('code', {}, change.path), h('span', { className: 'sbx-muted' }, ` · ${status} · +${change.added} −${change.removed}`)),
    h('pre', { className: 'sbx-pre sbx-diff', tabindex: '0', 'aria-label': `Diferencias en ${change.path}` }, ...rows),
  );
}

/** Shows the diff; resolves true when the reader chose "Aplicar solución". */
export async function showSolution(session: LabSession): Promise<boolean> {
  const solutionTree = { ...session.tree, ...session.lab.solution };
  const changes = diffTrees(session.tree, solutionTree);
  const body =
    changes.length === 0
      ? h('p', {}, 'Tu código ya coincide con la solución.')
      : h(
          'div',
          {},
          h('p', {}, `La solución cambia ${changes.length} ${changes.length === 1 ? 'archivo' : 'archivos'}. Las líneas con «-» son tuyas y las de «+», de la solución. Si la aplicas, podrás volver a tu código con «Deshacer».`),
          ...changes.map(renderChange),
        );
  const choice = await openDialog({
    title: 'Solución del laboratorio',
    body,
    wide: true,
    buttons: changes.length === 0 ? [{ label: 'Cerrar', value: 'cancel' }] : [{ label: 'Aplicar solución', value: 'apply', primary: true }, { label: 'Cerrar', value: 'cancel' }],
  });
  return choice === 'apply';
}
