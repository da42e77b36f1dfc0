// A line diff (longest common subsequence) between the reader's file and the solution, grouped into
// hunks with a few lines of context, for the "Ver solución" view.
export type DiffLine =
  | { kind: 'same'; text: string; oldLine: number; newLine: number }
  | { kind: 'removed'; text: string; oldLine: number }
  | { kind: 'added'; text: string; newLine: number };

export interface DiffHunk {
  lines: DiffLine[];
}

const splitLines = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/** Every line of both texts, in order, marked same / removed / added. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  // Trim the common head and tail first: edits are usually small, which keeps the table small.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);

  // lcs[i][j] = length of the LCS of midA[i..] and midB[j..].
  const lcs: Uint32Array[] = Array.from({ length: midA.length + 1 }, () => new Uint32Array(midB.length + 1));
  for (let i = midA.length - 1; i >= 0; i--) {
    for (let j = midB.length - 1; j >= 0; j--) {
      lcs[i]![j] = midA[i] === midB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }

  const result: DiffLine[] = [];
  for (let k = 0; k < head; k++) result.push({ kind: 'same', text: a[k]!, oldLine: k + 1, newLine: k + 1 });
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
      result.push({ kind: 'same', text: midA[i]!, oldLine: head + i + 1, newLine: head + j + 1 });
      i++;
      j++;
    } else if (i < midA.length && (j === midB.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // Removed lines first on a tie, so a changed line reads "old, then new".
      result.push({ kind: 'removed', text: midA[i]!, oldLine: head + i + 1 });
      i++;
    } else {
      result.push({ kind: 'added', text: midB[j]!, newLine: head + j + 1 });
      j++;
    }
  }
  for (let k = 0; k < tail; k++) {
    const oldLine = a.length - tail + k + 1;
    const newLine = b.length - tail + k + 1;
    result.push({ kind: 'same', text: a[oldLine - 1]!, oldLine, newLine });
  }
  return result;
}

/** The changed regions of a diff, each with up to `context` unchanged lines around it. */
export function diffHunks(lines: DiffLine[], context = 3): DiffHunk[] {
  const changed = lines.map((line, index) => (line.kind === 'same' ? -1 : index)).filter((index) => index >= 0);
  const hunks: DiffHunk[] = [];
  let from = -1;
  let to = -1;
  for (const index of changed) {
    if (from >= 0 && index - context <= to + context + 1) {
      to = index;
      continue;
    }
    if (from >= 0) hunks.push({ lines: lines.slice(Math.max(0, from - context), Math.min(lines.length, to + context + 1)) });
    from = index;
    to = index;
  }
  if (from >= 0) hunks.push({ lines: lines.slice(Math.max(0, from - context), Math.min(lines.length, to + context + 1)) });
  return hunks;
}

export interface FileChange {
  path: string;
  status: 'modified' | 'added' | 'removed';
  hunks: DiffHunk[];
  added: number;
  removed: number;
}

/** Per-file differences between two trees (paths sorted), ignoring identical files. */
export function diffTrees(before: Record<string, string>, after: Record<string, string>): FileChange[] {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: FileChange[] = [];
  for (const path of paths) {
    const a = before[path];
    const b = after[path];
    if (a === b) continue;
    const lines = diffLines(a ?? '', b ?? '');
    changes.push({
      path,
      status: a === undefined ? 'added' : b === undefined ? 'removed' : 'modified',
      hunks: diffHunks(lines),
      added: lines.filter((line) => line.kind === 'added').length,
      removed: lines.filter((line) => line.kind === 'removed').length,
    });
  }
  return changes;
}
