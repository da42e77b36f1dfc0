// The /repaso/ page in the browser: per-topic status (done and weak), export/import/clear of
// progress, "Repaso rápido" and the glossary filter.
import { readCourseMap, type CourseMap } from './course-map.ts';
import { browserProgressStore, CHANGE_EVENT } from './progress-store.ts';
import { mergeProgress, type Progress } from './progress.ts';
import { matchesQuery, resultCountText } from './glossary-filter.ts';
import { startQuickReview } from './quick-review.ts';
import { summarizeCourse } from './summary.ts';
import { topicStatusHtml } from './topic-status.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.append(...children);
  return element;
}

function link(href: string, text: string): HTMLAnchorElement {
  const a = el('a', '', text);
  a.href = href;
  return a;
}

function paintTopics(map: CourseMap, progress: Progress): void {
  for (const summary of summarizeCourse(map, progress).topics) {
    const target = document.querySelector(`[data-topic-status="${summary.topic.id}"]`);
    const html = topicStatusHtml(summary);
    // Same markup as the build's (a new reader): leave it alone, so nothing repaints or moves.
    if (target && target.innerHTML !== html) target.innerHTML = html;
  }
}

function setUpData(store: ReturnType<typeof browserProgressStore>): void {
  const message = document.querySelector<HTMLElement>('[data-data-status]')!;
  const error = document.querySelector<HTMLElement>('[data-data-error]')!;
  const say = (text: string) => {
    error.textContent = '';
    message.textContent = text;
  };

  document.querySelector('[data-export]')!.addEventListener('click', async () => {
    const { exportFileName, exportProgress } = await import('./progress-file.ts');
    const url = URL.createObjectURL(new Blob([exportProgress(store.get())], { type: 'application/json' }));
    const a = link(url, '');
    a.download = exportFileName();
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    say(`Progreso exportado en ${a.download}. Guárdalo para importarlo en otro navegador.`);
  });

  const input = document.querySelector<HTMLInputElement>('[data-import]')!;
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    const { importProgress, tooBig } = await import('./progress-file.ts');
    const fail = (reason: string) => {
      message.textContent = '';
      error.textContent = `No se pudo importar «${file.name}». ${reason}`;
    };
    // Checked before reading: a 50 MB file is not read into memory at all.
    const size = tooBig(file.size);
    input.value = '';
    if (size) return fail(size);
    const result = importProgress(await file.text());
    if (!result.ok) return fail(result.error);
    const { progress: merged, saved } = store.commit((current) => mergeProgress(current, result.progress));
    if (!saved) {
      store.takeNotice();
      return fail('El navegador no dejó guardarlo (¿almacenamiento lleno o bloqueado?): tu progreso anterior sigue como estaba en otras pestañas y esta página lo tiene solo hasta que la cierres.');
    }
    const count = (record: object) => Object.keys(record).length;
    say(
      `Progreso importado y combinado con el de este navegador: ${count(merged.read)} temas leídos, ${count(merged.quizzes)} cuestionarios y ${Object.values(merged.labs).filter((l) => l.passed).length} laboratorios superados.`,
    );
  });

  const dialog = document.querySelector<HTMLDialogElement>('[data-clear-dialog]')!;
  document.querySelector('[data-clear]')!.addEventListener('click', () => dialog.showModal());
  dialog.addEventListener('close', () => {
    if (dialog.returnValue !== 'borrar') return;
    store.clear();
    say('Se ha borrado tu progreso de este navegador.');
  });
}

function setUpGlossary(): void {
  const input = document.querySelector<HTMLInputElement>('[data-glossary-filter]');
  const count = document.querySelector<HTMLElement>('[data-glossary-count]');
  const entries = [...document.querySelectorAll<HTMLElement>('[data-term]')].map((element) => ({
    element,
    term: element.dataset.term!,
    aliases: JSON.parse(element.dataset.aliases ?? '[]') as string[],
  }));
  if (!input || !count) return;
  const apply = () => {
    let shown = 0;
    for (const entry of entries) {
      const visible = matchesQuery(entry, input.value);
      entry.element.hidden = !visible;
      if (visible) shown++;
    }
    count.textContent = resultCountText(shown, entries.length, input.value);
  };
  input.addEventListener('input', apply);
  apply();
}

export function startReviewPage(): void {
  setUpGlossary();
  const map = readCourseMap();
  if (!map) return;
  const store = browserProgressStore();
  const paint = () => paintTopics(map, store.get());
  paint();
  document.addEventListener(CHANGE_EVENT, paint);
  addEventListener('storage', paint);
  setUpData(store);

  const parts = {
    list: document.querySelector<HTMLElement>('[data-quick-list]')!,
    status: document.querySelector<HTMLElement>('[data-quick-status]')!,
    again: document.querySelector<HTMLElement>('[data-quick-again]')!,
  };
  const start = () => void startQuickReview(parts, map, store.get());
  document.querySelector('[data-quick-start]')!.addEventListener('click', start);
  parts.again.addEventListener('click', () => {
    start();
    parts.status.focus();
  });
}
