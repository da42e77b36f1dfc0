// The only sandbox code a lesson loads up front (a few hundred bytes gzip). It wakes each
// <Sandbox> when the reader scrolls near it or presses "Ejecutar", and each "▶ Probar" when
// pressed; everything heavy is a dynamic import: ./app/open-session.ts (engine, lab, saved files)
// and ./app/mount.ts (the view: panels, Monaco).
import type { LabSession } from './app/session.ts';
import { fetchLab, type LabConnectionData, type LabRequestData } from './app/lab-data.ts';
import { outOfSight } from './app/dom.ts';
import { vendorEntries } from '../engines/browser/vendor-entries.ts';

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
const loadApp = () => import('./app/mount.ts');
/** What a Run needs (engine, lab, saved files), apart from the view: a cold Run does not wait for panels or CSS. */
const loadSession = () => import('./app/open-session.ts');
const sessions = new Map<string, Promise<LabSession>>();
const views = new WeakMap<HTMLElement, Promise<{ focusRun(): void }>>();

function session(lab: string): Promise<LabSession> {
  let found = sessions.get(lab);
  if (!found) {
    // The app, the lab's data and the browser engine (also the fallback of WebContainer) download
    // side by side rather than one after the other; fetchLab's cache hands the data to the app.
    fetchLab(lab, base).catch(() => undefined);
    import('../engines/browser/index.ts').catch(() => undefined);
    // The services' worker script and the import map (content-hashed, cached for good) start
    // downloading now: the engine asks for them only once its own code has arrived.
    for (const file of [vendorEntries.importmap, vendorEntries.runtime]) fetch(`${base}sandbox-vendor/${file}`, { priority: 'high' } as RequestInit).catch(() => undefined);
    // WebContainer can take 30-45 s to boot: its progress shows where "Cargando…" is.
    const progress = (message: string) => {
      for (const status of document.querySelectorAll(`[data-sandbox="${CSS.escape(lab)}"] [data-sandbox-boot-status]`)) status.textContent = message;
    };
    found = loadSession().then((open) => open.createSession(lab, base, progress));
    loadApp().catch(() => undefined);
    found.catch(() => sessions.delete(lab));
    sessions.set(lab, found);
  }
  return found;
}

/**
 * A sandbox wakes 600 px before it scrolls into view, so it may change height while it sits above
 * the reader (a link to the heading after lab 23 woke it and the heading ended 277 px off screen:
 * the section's last pixels were under the sticky header, Chromium anchored the scroll on its
 * placeholder, which the mount hides, and gave up). While the section is out of the reader's sight
 * (above the top, header included), a change of its height scrolls the page by as much as the
 * content below it moved, so what the reader looks at stays put; when the browser's own anchoring
 * already did that, nothing below moved and nothing is done.
 */
function holdReaderBelow(section: HTMLElement): void {
  const reference = (): Element | null => {
    let next = section.nextElementSibling;
    while (next && next.getBoundingClientRect().height === 0) next = next.nextElementSibling;
    return next;
  };
  const measure = () => ({ above: outOfSight(section) && section.getBoundingClientRect().top < 0, belowTop: reference()?.getBoundingClientRect().top });
  let last = measure();
  addEventListener('scroll', () => (last = measure()), { passive: true });
  new ResizeObserver(() => {
    const now = measure();
    if (last.above && !section.querySelector('[data-lab-mode]') && last.belowTop !== undefined && now.belowTop !== undefined && now.belowTop !== last.belowTop) {
      scrollBy(0, now.belowTop - last.belowTop);
    }
    last = measure();
  }).observe(section);
}

function mountSection(section: HTMLElement, editorAfter?: Promise<unknown>) {
  let view = views.get(section);
  if (view) return view;
  const lab = section.dataset.sandbox!;
  holdReaderBelow(section);
  const status = section.querySelector<HTMLElement>('[data-sandbox-boot-status]');
  if (status) status.textContent = 'Cargando el laboratorio…';
  view = Promise.all([loadApp(), session(lab)]).then(async ([app, current]) => {
    const host = section.querySelector<HTMLElement>('[data-sandbox-live]')!;
    const mounted = app.mountView(current, host, base, { editorAfter });
    section.querySelector<HTMLElement>('[data-sandbox-static]')?.setAttribute('hidden', '');
    section.querySelector<HTMLElement>('[data-sandbox-launch]')?.setAttribute('hidden', '');
    section.dataset.sandboxReady = 'true';
    return mounted;
  });
  view.catch((error: unknown) => {
    views.delete(section);
    if (status) status.textContent = `No se pudo cargar el laboratorio: ${error instanceof Error ? error.message : String(error)}`;
  });
  views.set(section, view);
  return view;
}

for (const section of document.querySelectorAll<HTMLElement>('[data-sandbox]')) {
  const launch = section.querySelector<HTMLElement>('[data-sandbox-launch]');
  const run = section.querySelector<HTMLButtonElement>('[data-sandbox-run]');
  launch?.removeAttribute('hidden');
  run?.addEventListener('click', async () => {
    performance.mark('sandbox:ui:run-clicked');
    const hadFocus = document.activeElement === run;
    // Services start while the view (and later the editor) loads.
    const started = session(section.dataset.sandbox!).then((current) => current.startAll());
    const view = await mountSection(section, started);
    if (hadFocus) view.focusRun();
    await started.catch(() => undefined);
  });
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      void mountSection(section);
    },
    { rootMargin: '600px 0px' },
  );
  observer.observe(section);
}

// Lab mode has its own URL (#lab=<id>, see app/lab-mode.ts): such a link, a reload or a second
// window wakes that sandbox at once; the view then enters lab mode from the hash.
const wakeFromHash = () => {
  const id = /^#lab=(.+)$/.exec(location.hash)?.[1];
  const section = id ? document.querySelector<HTMLElement>(`[data-sandbox="${CSS.escape(decodeURIComponent(id))}"]`) : null;
  if (section) void mountSection(section);
};
wakeFromHash();
addEventListener('hashchange', wakeFromHash);

for (const holder of document.querySelectorAll<HTMLElement>('[data-probar]')) {
  const { lab, request, connection } = JSON.parse(holder.dataset.probar!) as { lab: string; request?: LabRequestData; connection?: LabConnectionData };
  const button = holder.querySelector<HTMLButtonElement>('[data-probar-run]');
  const output = holder.querySelector<HTMLElement>('[data-probar-live]')!;
  if (!button) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    output.textContent = 'Cargando el laboratorio…';
    const what = connection ? 'abrir la conexión' : 'enviar la petición';
    try {
      const section = document.querySelector<HTMLElement>(`[data-sandbox="${CSS.escape(lab)}"]`);
      if (section) void mountSection(section);
      const [app, current] = await Promise.all([loadApp(), session(lab)]);
      if (connection) await app.probeWebSocket(current, connection, output);
      else await app.probe(current, request!, output);
    } catch (error) {
      output.textContent = `No se pudo ${what}: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      button.disabled = false;
    }
  });
}
