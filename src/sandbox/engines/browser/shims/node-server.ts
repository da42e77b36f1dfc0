// @hono/node-server inside the browser engine: serve() registers the app on the service's virtual
// port (see runtime/worker-entry.ts). Bundled to /sandbox-vendor/ and mapped by the import map.
interface SandboxRuntime {
  serve(options: unknown, onListening?: (info: { address: string; family: string; port: number }) => void): unknown;
}

const runtime = (): SandboxRuntime => {
  const found = (globalThis as { __sandboxRuntime?: SandboxRuntime }).__sandboxRuntime;
  if (!found) throw new Error('@hono/node-server solo funciona dentro de un servicio del sandbox.');
  return found;
};

export function serve(options: unknown, onListening?: (info: { address: string; family: string; port: number }) => void) {
  return runtime().serve(options, onListening);
}

export function createAdaptorServer(): never {
  throw new Error('createAdaptorServer() no está disponible en el sandbox del navegador: usa serve({ fetch, port }).');
}
