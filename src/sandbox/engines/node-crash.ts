// Reading Node's own output when a service dies: shared by the engines that run real Node
// processes (the WebContainer engine and the Node engine), so both point the editor at the same place.
import type { ServiceStatus } from '../contract/index.ts';

/**
 * Why a process that exited crashed, from Node's own output: a syntax error is reported as
 * "file:line[:column]" followed by the message; other errors by their first line and the first
 * lab file in their stack. `labPrefix` (`/home/foodly/labs/<id>/`) is cut from paths so the
 * location is the lab file the editor knows ("go to error").
 */
export function crashFromLogs(logs: string[], code: number, labPrefix = ''): ServiceStatus {
  const prefix = labPrefix.replace(/\/?$/, '/');
  const relative = logs.map((line) => line.replaceAll(`file://${prefix}`, '').replaceAll(prefix, ''));
  const locations = relative
    .map((line) => /(?:^|[\s(\[])([\w.-][\w./-]*\.[mc]?ts):(\d+)(?::(\d+))?/.exec(line))
    .filter((match): match is RegExpExecArray => Boolean(match) && !match![1]!.includes('node_modules/') && !match![1]!.startsWith('.sandbox/'));
  // Node's header ("file.ts:3") has no column; the stack line for the same place ("file.ts:3:7") does.
  const first = locations[0];
  const location = first && !first[3] ? (locations.find((m) => m[1] === first[1] && m[2] === first[2] && m[3]) ?? first) : first;
  const message = (relative.find((line) => /^\[?(\w*Error|SyntaxError)\b/.test(line.trim())) ?? relative.at(-1) ?? `código ${code}`)
    .trim()
    .replace(/^\[/, '')
    .replace(/\]$/, '');
  if (!location) return { state: 'crashed', reason: `El proceso terminó antes de abrir su puerto: ${message}` };
  const [, file, line, column] = location;
  return {
    state: 'crashed',
    reason: `${message} (${file}:${line}${column ? `:${column}` : ''})`,
    file,
    line: Number(line),
    ...(column ? { column: Number(column) } : {}),
  };
}
