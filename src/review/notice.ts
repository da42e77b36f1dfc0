// A visible, dismissible message about the stored progress (damaged data reset, storage
// unavailable). Shown once per page, at the top of the main content.
import type { ProgressStore } from './progress-store.ts';

export function showStoreNotice(store: ProgressStore): void {
  const message = store.takeNotice();
  if (!message) return;
  const box = document.createElement('div');
  box.className = 'progress-notice';
  box.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent = message;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'button';
  close.textContent = 'Entendido';
  close.addEventListener('click', () => box.remove());
  box.append(text, close);
  document.querySelector('main')?.prepend(box);
}
