import { isErrorResult, merge } from 'openapi-merge';
import type { MergeInput, OpenApiDocument } from 'openapi-merge';
import type { GatewayRoute } from '../routing/routes.ts';
import { needsToken, requiredRole } from '../routing/routes.ts';

type Operation = { security?: Array<Record<string, string[]>>; responses?: Record<string, unknown> };
type Paths = Record<string, Record<string, unknown>>;

/** Lo que un servicio documenta para quien lo opera (o que no pasa por el gateway: el WebSocket), no para los clientes. */
const INTERNAL_TAGS = ['sistema', 'laboratorio', 'interna', 'en-vivo'];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Lo que el gateway pide a cada servicio para montar el documento: su /openapi.json. */
export type DocumentSource = (service: string, upstream: string) => Promise<OpenApiDocument>;

// #region aggregate
/**
 * Un solo documento OpenAPI para los clientes, hecho con los /openapi.json de los servicios y la
 * tabla de rutas: de cada servicio entran solo las rutas que el gateway enruta (includePaths), con
 * el prefijo público (pathModification.prepend: /login → /auth/login). openapi-merge junta los
 * componentes (un Problem igual en todos queda uno; dos distintos con el mismo nombre se renombran
 * con el prefijo del servicio, dispute) y avisa de dos servicios que reclaman la misma ruta.
 * Después, lo que añade el borde: bearerAuth donde el gateway exige token, 401, 403 donde pide un rol y 429.
 */
export async function aggregateDocument(own: OpenApiDocument, routes: GatewayRoute[], source: DocumentSource) {
  const services = [...new Map(routes.map((route) => [route.service, route])).values()];
  const missing: string[] = [];
  const inputs: MergeInput = [{ oas: own }];
  for (const { service, upstream } of services) {
    let oas: OpenApiDocument;
    try {
      oas = await source(service, upstream);
    } catch (error) {
      // Un servicio caído no tumba la documentación de los demás: se dice cuál falta.
      missing.push(`${service} (${(error as Error).message})`);
      continue;
    }
    for (const route of routes.filter((entry) => entry.service === service)) {
      const upstreamPrefix = route.stripPrefix ? '' : route.prefix;
      inputs.push({
        oas,
        // Las rutas del servicio que cuelgan de este prefijo público (solo las que se enrutan: ni /ping ni /_simulate).
        operationSelection: { includePaths: [{ path: upstreamPrefix || '/*' }, { path: `${upstreamPrefix}/*` }], excludeTags: INTERNAL_TAGS },
        pathModification: route.stripPrefix ? { prepend: route.prefix } : undefined,
        dispute: { prefix: pascal(service), alwaysApply: false },
      });
    }
  }
  const result = merge(inputs);
  if (isErrorResult(result)) throw new Error(`No se pudieron juntar los documentos (${result.type}): ${result.message}`);
  const doc = result.output as OpenApiDocument & { paths: Paths; components?: Record<string, Record<string, unknown>>; info: { description?: string } };
  protectAtTheEdge(doc, routes);
  dropUnusedSchemas(doc);
  if (missing.length > 0) doc.info.description = `${doc.info.description ?? ''}\n\nFaltan, porque no respondieron: ${missing.join(', ')}.`;
  return { doc, missing };
}
// #endregion aggregate

// #region edge-security
/** Las operaciones que el gateway protege declaran bearerAuth y su 401 (y su 403 si piden un rol); todas pueden dar 429. */
function protectAtTheEdge(doc: { paths: Paths; components?: Record<string, Record<string, unknown>> }, routes: GatewayRoute[]) {
  doc.components ??= {};
  doc.components.securitySchemes = { ...doc.components.securitySchemes, bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'El access_token de POST /auth/login' } };
  const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
  for (const [path, item] of Object.entries(doc.paths)) {
    const route = routes.find((entry) => path === entry.prefix || path.startsWith(`${entry.prefix}/`));
    if (!route) continue;
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      operation.responses ??= {};
      operation.responses['429'] ??= problem('Demasiadas peticiones de este cliente: espera lo que dice Retry-After');
      if (!needsToken(route, method.toUpperCase())) continue;
      operation.security = [{ bearerAuth: [] }];
      operation.responses['401'] ??= problem('Falta el token, no es válido o ha caducado (lo comprueba el gateway)');
      const role = requiredRole(route, method.toUpperCase());
      if (role) operation.responses['403'] ??= problem(`El token es válido, pero no es de rol "${role}" (lo comprueba el gateway)`);
    }
  }
}
// #endregion edge-security

/**
 * Los esquemas que solo usaban operaciones que se quedaron fuera (Status de /status, DeadLetters…) sobran:
 * se quitan hasta que no quede ninguno sin referencia (uno puede estar referenciado solo por otro que sobra).
 */
function dropUnusedSchemas(doc: { components?: Record<string, Record<string, unknown>> }) {
  const schemas = doc.components?.schemas;
  if (!schemas) return;
  for (let removed = true; removed; ) {
    removed = false;
    const text = JSON.stringify(doc);
    for (const name of Object.keys(schemas)) {
      if (text.includes(`"#/components/schemas/${name}"`)) continue;
      delete schemas[name];
      removed = true;
    }
  }
}

const pascal = (service: string) => service.replace(/-service$/, '').replace(/(^|-)(\w)/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
