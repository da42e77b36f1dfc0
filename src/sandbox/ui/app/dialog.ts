// Modal dialogs on <dialog>: focus goes in, Esc closes, and focus returns to what opened it.
import { h, uid } from './dom.ts';

export interface DialogButton {
  label: string;
  value: string;
  primary?: boolean;
}

export function openDialog(options: { title: string; body: Node | string; buttons: DialogButton[]; wide?: boolean; scrollable?: boolean }): Promise<string> {
  const opener = document.activeElement as HTMLElement | null;
  const titleId = uid('dlg');
  const dialog = h('dialog', { className: `sbx-dialog${options.wide ? ' sbx-dialog-wide' : ''}`, 'aria-labelledby': titleId });
  const buttons = options.buttons.map((button) =>
    h('button', { type: 'button', className: button.primary ? 'sbx-btn sbx-btn-primary' : 'sbx-btn', value: button.value, onclick: () => dialog.close(button.value) }, button.label),
  );
  dialog.append(
    h('h2', { id: titleId }, options.title),
    // A body that may scroll (a long list) is focusable, so keyboard users can scroll it.
    h('div', { className: 'sbx-dialog-body', ...(options.scrollable ? { tabindex: '0', role: 'region', 'aria-labelledby': titleId } : {}) }, typeof options.body === 'string' ? h('p', {}, options.body) : options.body),
    h('div', { className: 'sbx-dialog-actions' }, ...buttons),
  );
  // Inside the sandbox section so it inherits its styles; showModal puts it in the top layer.
  (opener?.closest('.sbx-root') ?? document.body).append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      opener?.focus();
      resolve(dialog.returnValue || 'cancel');
    });
    dialog.showModal();
    // The safe choice gets focus (the last, "Cancelar"-like button is listed last by callers).
    (buttons.at(-1) ?? dialog).focus();
  });
}
