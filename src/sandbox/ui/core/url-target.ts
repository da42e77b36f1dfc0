// The HTTP panel's URL field: "http://localhost:3102/products?x=1", "localhost:3102/…", ":3102/…" or a
// bare path ("/products", for the selected service) → the lab service and the path to request.
export interface ServiceAddress {
  name: string;
  port: number;
}

export type UrlTarget = { ok: true; service: string; path: string } | { ok: false; message: string };

export const serviceBaseUrl = (service: ServiceAddress): string => `http://localhost:${service.port}`;

export function resolveUrl(input: string, services: readonly ServiceAddress[], selected?: string): UrlTarget {
  const url = input.trim();
  if (url === '') return { ok: false, message: 'Escribe una URL o una ruta, por ejemplo /health.' };
  if (url.startsWith('/')) {
    const service = services.find((s) => s.name === selected) ?? services[0];
    if (!service) return { ok: false, message: 'El laboratorio no tiene servicios.' };
    return { ok: true, service: service.name, path: url };
  }
  const match = /^(?:https?:\/\/)?(?:localhost|127\.0\.0\.1)?:(\d+)(\/.*)?$/i.exec(url);
  if (!match) {
    return { ok: false, message: `«${url}» no es una dirección del sandbox: usa http://localhost:<puerto>/ruta o una ruta que empiece por /.` };
  }
  const port = Number(match[1]);
  const service = services.find((s) => s.port === port);
  if (!service) {
    const known = services.map((s) => `${s.name} (:${s.port})`).join(', ');
    return { ok: false, message: `Ningún servicio del laboratorio escucha en el puerto ${port}. Puertos: ${known}.` };
  }
  return { ok: true, service: service.name, path: match[2] ?? '/' };
}

/** Replaces the service part of a URL, keeping its path (for the service picker). */
export function withService(input: string, service: ServiceAddress, services: readonly ServiceAddress[]): string {
  const current = resolveUrl(input, services, service.name);
  const path = current.ok ? current.path : '/';
  return `${serviceBaseUrl(service)}${path}`;
}

/** "Authorization: Bearer x" lines → a header record; reports the first malformed line. */
export function parseHeaders(text: string): { ok: true; headers: Record<string, string> } | { ok: false; message: string } {
  const headers: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      return { ok: false, message: `Cabecera no válida en la línea ${index + 1}: usa el formato «Nombre: valor».` };
    }
    headers[name] = line.slice(colon + 1).trim();
  }
  return { ok: true, headers };
}

export const formatHeaders = (headers: Record<string, string>): string =>
  Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
