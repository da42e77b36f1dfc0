// Booting the one WebContainer a page may have. WebContainer.boot() never rejects when
// StackBlitz's servers are unreachable: it hangs. So it is raced against a timeout, and the
// caller falls back to the browser engine with a notice.
import type { ContainerLike } from './types.ts';

export type UnavailableReason = 'not-isolated' | 'unsupported' | 'timeout' | 'failed';

export class WebContainerUnavailable extends Error {
  readonly reason: UnavailableReason;

  constructor(reason: UnavailableReason, message: string) {
    super(message);
    this.name = 'WebContainerUnavailable';
    this.reason = reason;
  }
}

export interface BootOptions {
  timeoutMs?: number;
  /** StackBlitz licence key for commercial production use (configureAPIKey). */
  apiKey?: string;
  /** For tests: replaces `import('@webcontainer/api')`. */
  loadApi?: () => Promise<{ WebContainer: { boot(options: object): Promise<ContainerLike> }; configureAPIKey(key: string): void }>;
  /** For tests: the page's isolation state and browser support. */
  isolated?: boolean;
  supported?: boolean;
}

let booting: Promise<ContainerLike> | undefined;

export function bootWebContainer(options: BootOptions = {}): Promise<ContainerLike> {
  booting ??= boot(options).catch((error) => {
    booting = undefined;
    throw error;
  });
  return booting;
}

async function boot({ timeoutMs = 12_000, apiKey, loadApi, isolated, supported }: BootOptions): Promise<ContainerLike> {
  const crossOriginIsolated = isolated ?? globalThis.crossOriginIsolated === true;
  if (!crossOriginIsolated) {
    throw new WebContainerUnavailable('not-isolated', 'La página no está aislada (COOP/COEP), requisito de WebContainer.');
  }
  if (!(supported ?? (typeof SharedArrayBuffer !== 'undefined' && typeof Worker !== 'undefined'))) {
    throw new WebContainerUnavailable('unsupported', 'Este navegador no puede ejecutar WebContainer.');
  }
  const api = await (loadApi ?? (() => import('@webcontainer/api')))();
  if (apiKey) api.configureAPIKey(apiKey);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new WebContainerUnavailable('timeout', `WebContainer no arrancó en ${Math.round(timeoutMs / 1000)} s (sin conexión con StackBlitz).`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([api.WebContainer.boot({ coep: 'require-corp', workdirName: 'foodly' }), timeout]);
  } catch (error) {
    if (error instanceof WebContainerUnavailable) throw error;
    throw new WebContainerUnavailable('failed', `WebContainer falló al arrancar: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

/** For tests only: forget the page's container. */
export function resetBootForTests(): void {
  booting = undefined;
}
