// What a service Worker of the browser engine takes away from the learner's code before it runs.
// The Worker is same-origin with the site (module workers from blob: URLs need it), so by default
// it could open the site's IndexedDB (every lab's saved code, the history), its Cache Storage,
// talk to the site's tabs over BroadcastChannel and hold their Web Locks (the editor coordinates
// saves with both), or start a nested Worker that has all of these again. None of it exists in
// Node, where the same code runs with `npm run foodly`, so removing it changes nothing a service
// may legitimately do. The network to other origins is closed by the runtime's CSP (connect-src,
// src/integrations/static-headers.ts), not here.
//
// Limits, on purpose written down: this is defence in depth, not an origin boundary. The names are
// deleted from the global object and from every prototype that defines them (so a getter cannot be
// borrowed back from WorkerGlobalScope.prototype), and Worker/SharedWorker go too (a fresh global
// would have them all again); but a browser bug or a new API that reaches storage another way would
// not be covered. The real boundary, a separate origin for the runtime, needs a second host name,
// which a static site on one domain does not have (docs/ARCHITECTURE.md, "Static hosting and
// security headers").

/** Globals removed from a service Worker (all of them absent in Node). */
export const CONFINED_GLOBALS = ['indexedDB', 'caches', 'BroadcastChannel', 'Worker', 'SharedWorker', 'IDBFactory', 'CacheStorage', 'FileSystemHandle'];
/** Properties removed from `navigator` (and WorkerNavigator.prototype). */
export const CONFINED_NAVIGATOR = ['storage', 'locks', 'serviceWorker'];

export function confine(scope: object = globalThis): void {
  for (const name of CONFINED_GLOBALS) removeEverywhere(scope, name);
  const navigator = (scope as { navigator?: object }).navigator;
  if (navigator) for (const name of CONFINED_NAVIGATOR) removeEverywhere(navigator, name);
}

function removeEverywhere(target: object, name: string): void {
  for (let current: object | null = target; current; current = Object.getPrototypeOf(current)) {
    const descriptor = Object.getOwnPropertyDescriptor(current, name);
    if (!descriptor) continue;
    if (descriptor.configurable) delete (current as Record<string, unknown>)[name];
    else if (descriptor.writable) (current as Record<string, unknown>)[name] = undefined;
  }
}
