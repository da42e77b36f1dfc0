// ANSI SGR colour codes in service logs (hono/logger prints `\x1b[32m200\x1b[0m`): split into
// runs of text with a colour class, so the logs panel shows colours instead of `␛[32m`. Other
// escape sequences (cursor moves, erase line) are dropped.

export interface AnsiRun {
  text: string;
  /** 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'gray' (30-37 / 90-97), or undefined. */
  color?: string;
  bold?: boolean;
}

const COLORS = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
// CSI sequences (ESC [ params final-byte) and lone ESC + one char.
const ESCAPE = /\x1b\[([0-9;]*)([A-Za-z])|\x1b[@-_]?/g;

export function hasAnsi(text: string): boolean {
  return text.includes('\x1b');
}

export function parseAnsi(text: string): AnsiRun[] {
  const runs: AnsiRun[] = [];
  let color: string | undefined;
  let bold = false;
  let last = 0;
  const push = (chunk: string) => {
    if (chunk === '') return;
    const run: AnsiRun = { text: chunk };
    if (color) run.color = color;
    if (bold) run.bold = true;
    runs.push(run);
  };
  for (const match of text.matchAll(ESCAPE)) {
    push(text.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[2] !== 'm') continue;
    const codes = (match[1] || '0').split(';').map(Number);
    for (const code of codes) {
      if (code === 0) (color = undefined), (bold = false);
      else if (code === 1) bold = true;
      else if (code === 22) bold = false;
      else if (code === 39) color = undefined;
      else if (code >= 30 && code <= 37) color = COLORS[code - 30];
      else if (code >= 90 && code <= 97) color = code === 90 ? 'gray' : COLORS[code - 90];
    }
  }
  push(text.slice(last));
  return runs;
}

/** The text without any escape sequence (for filtering, copying, screen readers). */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPE, '');
}
