// The engine the lab runs on, the reader's switch between engines (applied on reload: edits are
// saved per lab, so they carry over), and the polite notice when WebContainer could not start.
import { rememberEnginePreference, type EnginePreference } from '../../select-engine.ts';
import { h, uid } from './dom.ts';
import { currentEnginePreference, engineNotices } from './engine-factory.ts';
import type { LabSession } from './session.ts';

const labels: Record<EnginePreference, string> = {
  browser: 'Navegador (sin instalar nada)',
  webcontainer: 'Node completo (WebContainer, con terminal)',
  auto: 'Automático (WebContainer si está disponible)',
};

export function createEngineBar(session: LabSession): HTMLElement {
  const id = uid('sbx-engine');
  const select = h('select', { id, className: 'sbx-select' });
  for (const [value, label] of Object.entries(labels)) select.append(h('option', { value }, label));
  select.value = currentEnginePreference();
  const status = h('span', { className: 'sbx-muted', role: 'status' });
  const reload = h('button', { type: 'button', className: 'sbx-btn sbx-btn-small', hidden: true, onclick: async () => {
    await session.flush();
    location.reload();
  } }, 'Recargar ahora');
  select.addEventListener('change', () => {
    rememberEnginePreference(select.value as EnginePreference);
    const same = select.value === (session.engine.kind === 'webcontainer' ? 'webcontainer' : 'browser');
    status.textContent = same ? '' : 'El cambio de motor se aplica al recargar la página; tu código se conserva.';
    reload.hidden = same;
  });
  const notice = engineNotices.get(session.engine);
  const noticeText = h('p', { className: 'sbx-notice', role: 'status', hidden: !notice }, notice ?? '');
  const inUse = h('span', { className: 'sbx-muted' });
  const showInUse = () => (inUse.textContent = `En uso: ${session.engine.kind === 'webcontainer' ? 'WebContainer' : 'navegador'}.`);
  showInUse();
  // WebContainer can hand the lab to the browser engine after the bar is drawn (mount, first start).
  document.addEventListener('sandbox:engine-notice', (event) => {
    const detail = (event as CustomEvent<{ engine: unknown; notice: string }>).detail;
    if (detail.engine !== session.engine) return;
    noticeText.textContent = detail.notice;
    noticeText.hidden = false;
    showInUse();
  });
  return h(
    'div',
    { className: 'sbx-engine-bar' },
    noticeText,
    h('div', { className: 'sbx-engine-choice' },
      h('label', { for: id }, 'Motor del sandbox'),
      select,
      inUse,
      reload,
      status,
    ),
  );
}
