// Errors the learner can act on: a message in Spanish plus the file, line and column (1-based).

export interface SourcePosition {
  file: string;
  line?: number;
  column?: number;
}

export class ModuleError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;

  constructor(message: string, position: SourcePosition) {
    super(message);
    this.name = 'ModuleError';
    this.file = position.file;
    this.line = position.line;
    this.column = position.column;
  }

  /** "src/app.ts:3:7" or just the file when the position is unknown. */
  get location(): string {
    if (this.line === undefined) return this.file;
    return `${this.file}:${this.line}:${this.column ?? 1}`;
  }
}
