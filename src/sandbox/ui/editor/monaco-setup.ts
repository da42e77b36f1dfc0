// Loads Monaco (self-hosted through Vite; workers are module workers from our own origin, so COEP
// is satisfied) with the TypeScript language service configured like the labs' tsconfig and fed
// the real .d.ts files of hono, zod and @hono/* from /sandbox-types.json.
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
// Lab 28's compose.yaml, workflow and Dockerfile: colouring only (each tokenizer loads on first use).
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/dockerfile/register';
import { typescriptDefaults } from 'monaco-editor/languages/features/typescript/register';

export type Monaco = typeof monaco;

// TypeScript's ModuleResolutionKind.Bundler (Monaco's enum stops at NodeJs; the worker passes numbers through).
const MODULE_RESOLUTION_BUNDLER = 100;

let ready: Promise<Monaco> | undefined;
let engage: () => void = () => {};
const engaged = new Promise<void>((resolve) => (engage = resolve));

/** The reader focused or edited the code: language services (type checks, completion) may start. */
export function engageLanguageServices(): void {
  engage();
}

export function loadMonaco(base: string): Promise<Monaco> {
  ready ??= setup(base);
  return ready;
}

/** Monaco's CSS, collected as strings by the monaco-css-as-strings Vite plugin (build/monaco-css.ts). */
function injectMonacoCss(): void {
  if (document.querySelector('style[data-monaco]')) return;
  const parts = (globalThis as { __monacoCss?: string[] }).__monacoCss ?? [];
  const style = document.createElement('style');
  style.dataset.monaco = '';
  style.textContent = parts.join('\n');
  document.head.append(style);
}

async function setup(base: string): Promise<Monaco> {
  injectMonacoCss();
  (globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
    // Once defined, Monaco asks this for every worker, the TypeScript language service's included.
    // Monaco accepts a promise: its workers (the TypeScript one is ~1 MB) download only once the
    // reader focuses or edits the code, never while services start or a reader only reads.
    getWorker: (_moduleId: string, label: string) => engaged.then(() => (label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker())),
  };
  typescriptDefaults.setCompilerOptions({
    target: 99,
    module: 99,
    moduleResolution: MODULE_RESOLUTION_BUNDLER,
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    verbatimModuleSyntax: false,
    types: [],
  } as never);
  typescriptDefaults.setEagerModelSync(true);
  // The type files are large (~130 KiB gzip): they arrive while the reader already sees the code.
  void fetch(`${base}sandbox-types.json`)
    .then((response) => (response.ok ? response.json() : { libs: [] }))
    .then((data: { libs: { path: string; content: string }[] }) => typescriptDefaults.setExtraLibs(data.libs.map((lib) => ({ content: lib.content, filePath: lib.path }))))
    .catch(() => undefined);
  return monaco;
}
