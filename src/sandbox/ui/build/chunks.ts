// How the sandbox's on-demand code is split into files (rolldown's codeSplitting groups, client
// build only). Left to automatic chunking, waking a sandbox fetched ~20 small files and then, as
// the engine asked for its loader, a second round: over HTTP/1.1 (six connections per host) that
// was 200-300 ms of a cold «Ejecutar» on a loaded 2-core machine (scripts/sandbox-ui-profile.ts).
// Two files instead: what a Run needs (engine, session, the loader's first-run modules) and the
// view (panels). What boot.ts imports up front (lab-data, dom) and what loads only when used
// (Monaco, sucrase, xterm, the WebSocket/infrastructure/Recorrido panels, hand-in) keep their own.
export const RUN_MODULES = [
  /src\/sandbox\/contract\//,
  /src\/sandbox\/select-engine\.ts$/,
  /src\/sandbox\/engines\/(fallback-engine|check-context|node-crash)\.ts$/,
  /src\/sandbox\/engines\/browser\/(index|browser-engine|service-host|spare-pool|watchdog|protocol|vendor-map|checks)\.ts$/,
  /src\/sandbox\/engines\/browser\/(fs|net)\/(?!page-socket)[^/]+\.ts$/,
  /src\/sandbox\/engines\/browser\/infra\/infrastructure-worker\.ts$/,
  /src\/sandbox\/engines\/browser\/loader\/(module-graph|errors|preload|resolve)\.ts$/,
  /src\/sandbox\/ui\/app\/(open-session|session|engine-factory)\.ts$/,
  /src\/sandbox\/ui\/core\/(storage|lab-store|edit-journal|status-text)\.ts$/,
  /node_modules\/es-module-lexer\//,
];
const LAZY_VIEW = /src\/sandbox\/ui\/app\/(lab-data|dom|websocket-panel|scenario-panel|infra-panel|terminal-panel|handin-controls)\.ts$/;
const VIEW = /src\/sandbox\/ui\/(app|core)\/[^/]+\.(ts|css)/;

/** boot.ts's own imports (and Vite's helper for dynamic imports): loaded up front on every lesson with a sandbox, so small and apart. */
const BOOT = /src\/sandbox\/ui\/app\/(lab-data|dom)\.ts$|src\/sandbox\/engines\/browser\/vendor-entries\.ts$|vite\/preload-helper/;

export const sandboxChunkGroups = [
  { name: 'sandbox-boot', test: (id: string) => BOOT.test(id), priority: 3 },
  { name: 'sandbox-run', test: (id: string) => RUN_MODULES.some((pattern) => pattern.test(id)), priority: 2 },
  { name: 'sandbox-view', test: (id: string) => VIEW.test(id) && !LAZY_VIEW.test(id) && !RUN_MODULES.some((pattern) => pattern.test(id)), priority: 1 },
];
