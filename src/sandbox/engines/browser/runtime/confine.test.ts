// The service Worker's global loses the site's storage and the ways back to it (issue 20); the
// real Worker is checked in e2e/sandbox-isolation.spec.ts, this is the removal rule itself.
import { describe, expect, it } from 'vitest';
import { confine } from './confine.ts';

describe('confine', () => {
  it('removes storage, channels and nested workers from the object and from every prototype that defines them', () => {
    class WorkerGlobalScopeLike {
      get indexedDB() {
        return { open: () => 'site data' };
      }
    }
    class NavigatorLike {
      get locks() {
        return {};
      }
      get userAgent() {
        return 'x';
      }
    }
    const navigator = new NavigatorLike();
    const scope = Object.assign(Object.create(WorkerGlobalScopeLike.prototype) as object, { caches: {}, BroadcastChannel: class {}, Worker: class {}, fetch: () => 1, navigator });
    confine(scope);
    expect('indexedDB' in scope).toBe(false);
    expect(Object.getOwnPropertyDescriptor(WorkerGlobalScopeLike.prototype, 'indexedDB')).toBeUndefined();
    for (const name of ['caches', 'BroadcastChannel', 'Worker']) expect(name in scope, name).toBe(false);
    expect('locks' in navigator).toBe(false);
    // What a service needs stays.
    expect(typeof (scope as { fetch?: unknown }).fetch).toBe('function');
    expect(navigator.userAgent).toBe('x');
  });
});
