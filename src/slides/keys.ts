// Keyboard map shared by the audience deck and the presenter view. Keys typed into an editor
// (Monaco, inputs, textareas, contenteditable) belong to the editor, never to the deck.

export type KeyAction =
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'digit'; digit: string }
  | { type: 'jump' }
  | { type: 'cancel' }
  | { type: 'overview' }
  | { type: 'fullscreen' }
  | { type: 'blackout' }
  | { type: 'presenter' }
  | { type: 'help' };

const EDITING = 'input, textarea, select, [contenteditable]:not([contenteditable="false"]), .monaco-editor, .xterm';

/** True when the key belongs to whatever has focus (an editor, a form field, a dialog). */
export function isEditing(target: EventTarget | null): boolean {
  const element = target as Element | null;
  return Boolean(element?.closest?.(EDITING));
}

export interface KeyLike {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
}

export function actionFor(event: KeyLike): KeyAction | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey) return undefined;
  const { key } = event;
  if (/^[0-9]$/.test(key)) return { type: 'digit', digit: key };
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case ' ':
      return event.shiftKey && key === ' ' ? { type: 'previous' } : { type: 'next' };
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
      return { type: 'previous' };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    case 'Enter':
      return { type: 'jump' };
    case 'Escape':
      return { type: 'cancel' };
    case 'o':
    case 'O':
      return { type: 'overview' };
    case 'f':
    case 'F':
      return { type: 'fullscreen' };
    case 'b':
    case 'B':
    case '.':
      return { type: 'blackout' };
    case 'p':
    case 'P':
      return { type: 'presenter' };
    case '?':
      return { type: 'help' };
    default:
      return undefined;
  }
}

/** Digits typed before Enter ("1", "2" → slide 12); cleared by any other key. */
export class JumpBuffer {
  private digits = '';

  push(digit: string): string {
    this.digits = (this.digits + digit).slice(-4);
    return this.digits;
  }

  /** The slide number typed so far, and clears the buffer. */
  take(): number | undefined {
    const value = this.digits ? Number(this.digits) : undefined;
    this.digits = '';
    return value;
  }

  clear(): void {
    this.digits = '';
  }

  get pending(): string {
    return this.digits;
  }
}
