// Entry of the heavy part (loaded on demand by ../boot.ts): creates the engine and session for a
// lab, mounts the view over the static <Sandbox> markup, and answers "▶ Probar" buttons.
import type { SandboxResponse } from '../../contract/index.ts';
import { defaultStore } from '../core/storage.ts';
import { statusText } from '../core/status-text.ts';
import { h } from './dom.ts';
import { createEngine } from './engine-factory.ts';
import { fetchLab, type LabRequestData } from './lab-data.ts';
import { renderFailure, renderResponse } from './response-view.ts';
import { createSandboxView, type SandboxView, type SandboxViewOptions } from './sandbox-view.ts';
import { LabSession } from './session.ts';
// As a string injected on mount: a CSS import here would make Astro link it on every lesson up front.
import css from './sandbox.css?inline';

if (!document.querySelector('style[data-sandbox-ui]')) {
  document.head.append(Object.assign(document.createElement('style'), { textContent: css }));
  document.head.lastElementChild!.setAttribute('data-sandbox-ui', '');
}

export interface SandboxHandle {
  session: LabSession;
  view?: SandboxView;
}

const store = defaultStore();

export async function createSession(labId: string, base: string, onProgress?: (message: string) => void): Promise<LabSession> {
  const [lab, engine] = await Promise.all([fetchLab(labId, base), createEngine(base, labId, onProgress)]);
  return LabSession.create(lab, engine, store);
}

export function mountView(session: LabSession, host: HTMLElement, base: string, options?: SandboxViewOptions): SandboxView {
  return createSandboxView(session, host, base, options);
}

/** "▶ Probar": starts what is needed, sends the request and shows the answer under the button. */
export async function probe(session: LabSession, request: LabRequestData, output: HTMLElement): Promise<SandboxResponse | undefined> {
  output.setAttribute('aria-busy', 'true');
  try {
    const status = session.engine.status(request.service);
    if (status.state !== 'running') {
      output.replaceChildren(h('p', { className: 'sbx-muted' }, 'Arrancando el laboratorio…'));
      await session.startAll();
      const after = session.engine.status(request.service);
      if (after.state !== 'running') throw new Error(`${request.service}: ${statusText(after)}`);
    }
    const response = await session.request({
      service: request.service,
      method: request.method,
      path: request.path,
      headers: request.headers,
      body: request.body,
    });
    output.replaceChildren(renderResponse(response));
    return response;
  } catch (error) {
    output.replaceChildren(renderFailure(error instanceof Error ? error.message : String(error)));
    return undefined;
  } finally {
    output.setAttribute('aria-busy', 'false');
  }
}
