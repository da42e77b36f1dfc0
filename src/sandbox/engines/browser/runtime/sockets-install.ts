// Entry of /sandbox-vendor/runtime-sockets.js: the WebSocket layer of a service worker, loaded
// only by services whose sources use WebSockets (loader/preload.ts adds it), so other labs' workers
// stay small. Evaluating it installs the layer into the worker's runtime (see worker-entry.ts).
import { createSocketLayer } from './sockets.ts';

const runtime = (globalThis as { __sandboxRuntime?: { installSockets?: (create: typeof createSocketLayer) => void } }).__sandboxRuntime;
runtime?.installSockets?.(createSocketLayer);

export { createSocketLayer };
