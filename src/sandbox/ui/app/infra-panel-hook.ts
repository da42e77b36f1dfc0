// The small, always-loaded half of the "Infraestructura" panel: decides whether a lab gets the tab
// (it declares servers the engine can show, or runs a service as replicas) and loads the panel
// itself (infra-panel.ts) only when the reader opens the tab. The view calls one function:
//   const infra = addInfrastructurePanel(session, panelTabs); if (infra) panels.push(infra);
import { declaredKinds, hasInfrastructure } from '../../contract/index.ts';
import { h } from './dom.ts';
import type { LabSession } from './session.ts';
import type { Tabs } from './tabs.ts';

export const INFRA_PANEL_ID = 'infra';

/** A lab with servers the engine can introspect, or with replicas (whose status any engine has). */
export function wantsInfrastructurePanel(session: Pick<LabSession, 'engine' | 'lab' | 'services'>): boolean {
  const declares = declaredKinds(session.lab.meta.infrastructure).length > 0 && hasInfrastructure(session.engine);
  return declares || session.services.some((service) => service.replicas > 1);
}

/**
 * Adds the "Infraestructura" tab to `tabs` when the lab wants it and returns its panel element (to
 * place with the other panels), or undefined. The panel code loads on first selection; it listens
 * to the engine only while its tab is the selected one.
 */
export function addInfrastructurePanel(session: LabSession, tabs: Tabs): HTMLElement | undefined {
  if (!wantsInfrastructurePanel(session)) return undefined;
  const panel = h('div', { className: 'sbx-panel' }, h('p', { className: 'sbx-muted', role: 'status' }, 'Cargando el panel de infraestructura…'));
  tabs.add({ id: INFRA_PANEL_ID, label: 'Infraestructura', panel });
  let loaded: Promise<{ activate(): void; deactivate(): void }> | undefined;
  const previous = tabs.onChange;
  tabs.onChange = (id) => {
    previous(id);
    if (id === INFRA_PANEL_ID) {
      loaded ??= import('./infra-panel.ts').then(({ createInfraPanel }) => {
        const created = createInfraPanel(session);
        panel.replaceChildren(created.element);
        return created;
      });
      loaded.then(
        (created) => created.activate(),
        (error: unknown) => panel.replaceChildren(h('p', { className: 'sbx-error' }, `No se pudo cargar el panel: ${error instanceof Error ? error.message : String(error)}`)),
      );
    } else void loaded?.then((created) => created.deactivate(), () => undefined);
  };
  return panel;
}
