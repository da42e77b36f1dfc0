// HTML answers of a service (Swagger UI at /docs) in an iframe, served through the engine.
import { h } from './dom.ts';
import type { LabSession } from './session.ts';

export interface PreviewPanel {
  element: HTMLElement;
  open(service: string, path: string): Promise<void>;
}

export function createPreviewPanel(session: LabSession): PreviewPanel {
  const service = h('select', { 'aria-label': 'Servicio de la vista previa' }, ...session.services.map((s) => h('option', { value: s.name }, s.name)));
  const path = h('input', { type: 'text', value: '/docs', 'aria-label': 'Ruta de la vista previa', spellcheck: 'false' });
  const go = h('button', { type: 'submit', className: 'sbx-btn sbx-btn-primary' }, 'Abrir');
  const message = h('p', { className: 'sbx-muted', 'aria-live': 'polite' }, 'Abre una respuesta HTML del servicio, por ejemplo /docs (Swagger UI).');
  const frameHolder = h('div', { className: 'sbx-preview-frame' });

  async function open(name: string, target: string) {
    service.value = name;
    path.value = target;
    message.textContent = 'Abriendo…';
    try {
      if (session.engine.status(name).state !== 'running') await session.start(name);
      const url = await session.engine.openPreview(name, target);
      const title = `Vista previa de ${name}${target}`;
      if (new URL(url, location.href).origin === location.origin) {
        // The browser engine's preview: a sandboxed frame at an opaque origin that reaches the
        // service only through a port (engines/browser/preview/bridge.ts), never the site's data.
        const { connectPreviewFrame } = await import('../../engines/browser/preview/bridge.ts');
        const frame = h('iframe', { title });
        connectPreviewFrame(frame, url);
        frameHolder.replaceChildren(frame);
      } else {
        // WebContainer previews live at their own origin (local-corp hosts), already apart from
        // the site's storage; they need the iframe to allow cross-origin isolation.
        frameHolder.replaceChildren(h('iframe', { title, src: url, allow: 'cross-origin-isolated' }));
      }
      message.textContent = `Vista previa de ${name}${target}.`;
    } catch (error) {
      message.textContent = `No se pudo abrir la vista previa: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  const form = h('form', { className: 'sbx-panel-bar' }, service, path, go);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void open(service.value, path.value.startsWith('/') ? path.value : `/${path.value}`);
  });
  return { element: h('div', { className: 'sbx-preview' }, form, message, frameHolder), open };
}
