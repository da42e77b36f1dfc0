// Lazily renders [data-mermaid] figures: mermaid is imported the first time a diagram comes near
// the viewport (or before printing), and each diagram is drawn in a light and a dark variant.
type MermaidApi = typeof import('mermaid').default;

let mermaidPromise: Promise<MermaidApi> | undefined;
let counter = 0;
let queue: Promise<void> = Promise.resolve();

function loadMermaid(): Promise<MermaidApi> {
  mermaidPromise ??= import('mermaid').then((module) => module.default);
  return mermaidPromise;
}

async function renderVariant(mermaid: MermaidApi, code: string, theme: 'default' | 'dark'): Promise<string> {
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme,
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
    flowchart: { htmlLabels: true, useMaxWidth: true },
  });
  const { svg } = await mermaid.render(`mermaid-${theme}-${++counter}`, code);
  return svg;
}

function render(figure: HTMLElement): Promise<void> {
  if (figure.dataset.rendered) return Promise.resolve();
  figure.dataset.rendered = 'pending';
  const source = figure.querySelector<HTMLTemplateElement>('[data-mermaid-source]');
  const target = figure.querySelector<HTMLElement>('.diagram');
  if (!source || !target) return Promise.resolve();
  const code = source.content.textContent ?? source.textContent ?? '';
  // mermaid.render keeps global state (the theme), so diagrams are drawn one after another.
  queue = queue.then(async () => {
    try {
      const mermaid = await loadMermaid();
      const light = await renderVariant(mermaid, code, 'default');
      const dark = await renderVariant(mermaid, code, 'dark');
      target.innerHTML = `<div class="theme-light">${light}</div><div class="theme-dark">${dark}</div>`;
      for (const svg of target.querySelectorAll('svg')) svg.setAttribute('aria-hidden', 'true');
      figure.dataset.rendered = 'true';
    } catch (error) {
      figure.dataset.rendered = 'error';
      const message = document.createElement('pre');
      message.textContent = `No se pudo dibujar el diagrama: ${(error as Error).message}\n\n${code}`;
      target.replaceChildren(message);
    }
  });
  return queue;
}

export function renderDiagrams(figures: Iterable<HTMLElement>): void {
  const list = [...figures];
  if (list.length === 0) return;
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          void render(entry.target as HTMLElement);
        }
      }
    },
    { rootMargin: '400px 0px' },
  );
  for (const figure of list) observer.observe(figure);
  // Printing shows every diagram, including those never scrolled to.
  addEventListener('beforeprint', () => list.forEach((figure) => void render(figure)));
}

/** Resolves when every diagram on the page is drawn (used before printing and by tests). */
export function renderAll(): Promise<void> {
  document.querySelectorAll<HTMLElement>('[data-mermaid]').forEach((figure) => void render(figure));
  return queue;
}
