// The path a reader types in «Nuevo archivo», checked before the file exists anywhere: the same
// shape every stored path has (lab-store.ts), inside the lab, not a file that is already there.
const SEGMENT = /^[\w@.-]+$/;

export function checkNewFilePath(typed: string, existing: Iterable<string>): { path: string } | { error: string } {
  const path = typed.trim().replace(/^\.\//, '');
  if (path === '') return { error: 'Escribe la ruta del archivo, p. ej. orders-service/src/Orders/domain/OrderStatus.ts.' };
  if (path.startsWith('/') || path.includes('\\')) return { error: 'La ruta es relativa a la raíz del laboratorio y usa «/»: p. ej. products-service/src/cache/Cache.ts.' };
  if (path.length > 200) return { error: 'La ruta es demasiado larga (máximo 200 caracteres).' };
  const segments = path.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return { error: 'La ruta no puede tener «..», «.» ni dos «/» seguidas.' };
  const bad = segments.find((segment) => !SEGMENT.test(segment));
  if (bad !== undefined) return { error: `«${bad}» tiene caracteres que no usamos en rutas: solo letras sin tilde, números, «_», «-», «.» y «@».` };
  if (segments.at(-1)!.endsWith('.')) return { error: 'El nombre del archivo no puede terminar en «.».' };
  const all = new Set(existing);
  if (all.has(path)) return { error: `${path} ya existe: ábrelo en el árbol.` };
  if ([...all].some((file) => file.startsWith(`${path}/`))) return { error: `${path} es una carpeta: añade el nombre del archivo.` };
  const asFolder = segments.slice(0, -1).map((_, index) => segments.slice(0, index + 1).join('/')).find((prefix) => all.has(prefix));
  if (asFolder) return { error: `${asFolder} es un archivo, no una carpeta.` };
  return { path };
}
