// The code editor of a sandbox: one Monaco editor, one model per lab file, theme that follows the
// site's, Ctrl/Cmd+S to apply, and a way out for keyboard users (Esc, then Tab / Shift+Tab).
import type { editor as MonacoEditorNs } from 'monaco-editor/editor';
import { focusables } from '../app/dom.ts';
import { engageLanguageServices, loadMonaco, type Monaco } from './monaco-setup.ts';

export interface CodeEditorOptions {
  base: string;
  container: HTMLElement;
  onChange(path: string, content: string): void;
  onSave(): void;
}

const languageOf = (path: string) =>
  path.endsWith('.ts') ? 'typescript'
  : path.endsWith('.json') ? 'json'
  : path.endsWith('.md') ? 'markdown'
  : /\.ya?ml$/.test(path) ? 'yaml'
  : /(^|\/)Dockerfile$/.test(path) ? 'dockerfile'
  : 'plaintext';
const themeName = () => (document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : 'vs');

export class CodeEditor {
  private monaco!: Monaco;
  private editor!: MonacoEditorNs.IStandaloneCodeEditor;
  private readonly models = new Map<string, MonacoEditorNs.ITextModel>();
  private readonly viewStates = new Map<string, MonacoEditorNs.ICodeEditorViewState | null>();
  private currentPath: string | undefined;
  private silent = false;

  private readonly options: CodeEditorOptions;

  private constructor(options: CodeEditorOptions) {
    this.options = options;
  }

  static async create(options: CodeEditorOptions): Promise<CodeEditor> {
    const editor = new CodeEditor(options);
    await editor.init();
    return editor;
  }

  private async init(): Promise<void> {
    this.monaco = await loadMonaco(this.options.base);
    const { monaco } = this;
    this.editor = monaco.editor.create(this.options.container, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      theme: themeName(),
      tabSize: 2,
      ariaLabel: 'Editor de código',
      fixedOverflowWidgets: true,
    });
    this.editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => this.options.onSave());
    this.editor.onDidFocusEditorText(() => engageLanguageServices());
    this.editor.onDidChangeModelContent(() => engageLanguageServices());
    const onTheme = () => monaco.editor.setTheme(themeName());
    document.addEventListener('themechange', onTheme);
    this.trapEscape();
  }

  /** Esc arms an exit: the next Tab or Shift+Tab leaves the editor instead of indenting. */
  private trapEscape(): void {
    let armed = false;
    const root = this.options.container;
    root.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Escape') {
          armed = true;
          return;
        }
        if (event.key === 'Tab' && armed) {
          event.preventDefault();
          event.stopPropagation();
          armed = false;
          const all = focusables();
          const inside = all.filter((el) => root.contains(el));
          const index = event.shiftKey ? all.indexOf(inside[0]!) - 1 : all.indexOf(inside.at(-1)!) + 1;
          all[Math.max(0, Math.min(index, all.length - 1))]?.focus();
          return;
        }
        if (!['Shift', 'Control', 'Alt', 'Meta'].includes(event.key)) armed = false;
      },
      true,
    );
  }

  /** Replaces every model's text (after Reset, solution, undo) without reporting edits. */
  setFiles(tree: Record<string, string>): void {
    this.silent = true;
    for (const [path, model] of this.models) {
      const content = tree[path];
      if (content !== undefined && model.getValue() !== content) model.setValue(content);
    }
    this.silent = false;
  }

  open(path: string, content: string): void {
    const { monaco } = this;
    if (this.currentPath) this.viewStates.set(this.currentPath, this.editor.saveViewState());
    let model = this.models.get(path);
    if (!model) {
      const uri = monaco.Uri.parse(`file:///${path}`);
      model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(content, languageOf(path), uri);
      if (model.getValue() !== content) model.setValue(content);
      model.onDidChangeContent(() => {
        if (!this.silent) this.options.onChange(path, model!.getValue());
      });
      this.models.set(path, model);
    }
    this.editor.setModel(model);
    this.editor.updateOptions({ ariaLabel: `Editor de código: ${path}` });
    const state = this.viewStates.get(path);
    if (state) this.editor.restoreViewState(state);
    this.currentPath = path;
  }

  /** Ensures every TypeScript file is a model, so imports between them type-check. */
  preload(tree: Record<string, string>): void {
    const { monaco } = this;
    for (const [path, content] of Object.entries(tree)) {
      if (!path.endsWith('.ts') || this.models.has(path)) continue;
      const uri = monaco.Uri.parse(`file:///${path}`);
      const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(content, 'typescript', uri);
      model.onDidChangeContent(() => {
        if (!this.silent) this.options.onChange(path, model.getValue());
      });
      this.models.set(path, model);
    }
  }

  /**
   * Shows a crash or syntax error where the reader looks: a marker (squiggle, hover message, the
   * overview ruler) at file:line:column of `path`. One error per owner (a service); undefined clears it.
   */
  markError(owner: string, error: { path: string; content: string; line: number; column?: number; message: string } | undefined): void {
    const { monaco } = this;
    const key = `sandbox:${owner}`;
    for (const model of monaco.editor.getModels()) monaco.editor.setModelMarkers(model, key, []);
    if (!error) return;
    const uri = monaco.Uri.parse(`file:///${error.path}`);
    let model = monaco.editor.getModel(uri);
    if (!model) {
      this.preload({ [error.path]: error.content });
      model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(error.content, languageOf(error.path), uri);
    }
    const line = Math.min(Math.max(1, error.line), model.getLineCount());
    const column = Math.max(1, error.column ?? model.getLineFirstNonWhitespaceColumn(line) ?? 1);
    const end = model.getWordAtPosition({ lineNumber: line, column })?.endColumn ?? model.getLineMaxColumn(line);
    monaco.editor.setModelMarkers(model, key, [
      { severity: monaco.MarkerSeverity.Error, message: error.message, source: owner, startLineNumber: line, startColumn: column, endLineNumber: line, endColumn: Math.max(end, column + 1) },
    ]);
  }

  reveal(line: number, column = 1): void {
    this.editor.revealPositionInCenter({ lineNumber: line, column });
    this.editor.setPosition({ lineNumber: line, column });
    this.editor.focus();
  }

  focus(): void {
    this.editor.focus();
  }

  get path(): string | undefined {
    return this.currentPath;
  }
}
