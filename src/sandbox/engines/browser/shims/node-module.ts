// node:module → createRequire() whose resolve() knows the one package the labs locate on disk:
// swagger-ui-dist, served by the site under /sandbox-vendor/swagger-ui-dist/.
export function createRequire(_from: string | URL) {
  const require = (id: string): never => {
    throw new Error(`require('${id}') no está disponible en el sandbox del navegador: usa import.`);
  };
  require.resolve = (id: string): string => {
    const base = (globalThis as { __sandboxRuntime?: { vendorBase: string } }).__sandboxRuntime?.vendorBase ?? '/sandbox-vendor/';
    if (id === 'swagger-ui-dist' || id.startsWith('swagger-ui-dist/')) {
      return `${new URL(base, 'http://x').pathname}${id === 'swagger-ui-dist' ? 'swagger-ui-dist/index.js' : id}`;
    }
    throw new Error(`Cannot find module '${id}' en el sandbox del navegador.`);
  };
  return require;
}
export default { createRequire };
