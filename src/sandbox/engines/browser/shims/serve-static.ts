// @hono/node-server/serve-static inside the browser engine. The services have no file system here,
// so files are fetched from the site: `root: './public'` of the lab is not available; requests for
// swagger-ui-dist assets (the only static files the labs serve) come from /sandbox-vendor/.
import type { MiddlewareHandler } from 'hono';

interface ServeStaticOptions {
  root?: string;
  path?: string;
  rewriteRequestPath?: (path: string) => string;
}

export const serveStatic = (options: ServeStaticOptions = {}): MiddlewareHandler => {
  return async (c, next) => {
    const runtime = (globalThis as { __sandboxRuntime?: { vendorBase: string; realFetch: typeof fetch } }).__sandboxRuntime;
    const base = runtime?.vendorBase ?? '/sandbox-vendor/';
    const requested = options.path ?? (options.rewriteRequestPath ? options.rewriteRequestPath(c.req.path) : c.req.path);
    const name = requested.split('/').pop() ?? '';
    if (!/^(swagger-ui[\w.-]*\.(css|js)|favicon-\d+x\d+\.png)$/.test(name)) return next();
    // The real network: the site may itself be on localhost, which `fetch` here routes to services.
    const response = await (runtime?.realFetch ?? fetch)(new URL(`swagger-ui-dist/${name}`, new URL(base, location.href)));
    if (!response.ok) return next();
    return new Response(response.body, { headers: { 'content-type': response.headers.get('content-type') ?? 'application/octet-stream' } });
  };
};
