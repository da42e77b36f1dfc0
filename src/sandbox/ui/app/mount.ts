// Entry of the view (loaded on demand by ../boot.ts, beside open-session.ts, which creates the
// engine and the session): mounts the view over the static <Sandbox> markup and answers "▶ Probar".
import { hasWebSocket, type SandboxResponse } from '../../contract/index.ts';
import { statusText } from '../core/status-text.ts';
import { h } from './dom.ts';
import type { LabConnectionData, LabRequestData } from './lab-data.ts';
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

/**
 * "▶ Probar" on a suggested WebSocket connection (lab.yaml `connections`): starts what is needed,
 * opens it and shows it under the button as the WebSocket panel does (log, quick messages, Cerrar).
 * A refused handshake shows the service's HTTP status, which is often the lesson (no ticket → 401).
 */
export async function probeWebSocket(session: LabSession, connection: LabConnectionData, output: HTMLElement): Promise<void> {
  output.setAttribute('aria-busy', 'true');
  try {
    const engine = session.engine;
    if (!hasWebSocket(engine)) throw new Error('este motor del sandbox no puede abrir WebSockets.');
    if (engine.status(connection.service).state !== 'running') {
      output.replaceChildren(h('p', { className: 'sbx-muted' }, 'Arrancando el laboratorio…'));
      await session.startAll();
      const after = engine.status(connection.service);
      if (after.state !== 'running') throw new Error(`${connection.service}: ${statusText(after)}`);
    }
    const [{ connectionView }, socket] = await Promise.all([
      import('./websocket-panel.ts'),
      engine.openWebSocket(connection.service, connection.path, { headers: connection.headers, protocols: connection.protocols, ...(connection.replica ? { replica: connection.replica } : {}) }),
    ]);
    const target = `${connection.service} ${connection.path}`;
    output.replaceChildren(connectionView(socket, connection.label, target, connection.messages, (section) => section.remove()));
    output.querySelector<HTMLInputElement>('input')?.focus();
  } catch (error) {
    output.replaceChildren(renderFailure(`No se pudo conectar: ${error instanceof Error ? error.message : String(error)}`));
  } finally {
    output.setAttribute('aria-busy', 'false');
  }
}
