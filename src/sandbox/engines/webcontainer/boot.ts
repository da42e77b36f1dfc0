// Booting the one WebContainer a page may have.
// - WebContainer.boot() resolves only when StackBlitz's iframe says hello: offline it hangs forever.
//   So the raw boot() promise is memoised (a second boot() throws while one is live) and only the
//   *wait* is raced against a timeout: a retry after a timeout waits on the same boot.
// - configureAPIKey throws once boot() has been called: it is called once, before the first boot.
// - iOS and iPadOS tabs crash under WebContainer (TutorialKit refuses them too): never boot there.
import { TIMEOUTS } from '../../contract/timeouts.ts';
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

export interface WebContainerApi {
  WebContainer: { boot(options: object): Promise<ContainerLike> };
  configureAPIKey(key: string): void;
}

export interface BootOptions {
  timeoutMs?: number;
  /** StackBlitz licence key for commercial production use (configureAPIKey). */
  apiKey?: string;
  /** Told every few seconds while the container boots (the UI shows it). */
  onProgress?: (message: string) => void;
  /** For tests: replaces `import('@webcontainer/api')`. */
  loadApi?: () => Promise<WebContainerApi>;
  /** For tests: the page's isolation state, browser support and user agent. */
  isolated?: boolean;
  supported?: boolean;
  userAgent?: string;
  maxTouchPoints?: number;
}

let rawBoot: Promise<ContainerLike> | undefined;

/** iPhone, iPod, and iPad (which, since iPadOS 13, says it is a Mac with a touch screen). */
export function isAppleMobile(userAgent: string, maxTouchPoints: number): boolean {
  return /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
}

/** Why this browser cannot run WebContainer, or undefined when it can. */
export function unsupportedReason(options: BootOptions = {}): WebContainerUnavailable | undefined {
  const userAgent = options.userAgent ?? globalThis.navigator?.userAgent ?? '';
  const touchPoints = options.maxTouchPoints ?? globalThis.navigator?.maxTouchPoints ?? 0;
  if (isAppleMobile(userAgent, touchPoints)) {
    return new WebContainerUnavailable('unsupported', 'WebContainer no funciona en iPhone ni iPad (la pestaña se cierra por falta de memoria).');
  }
  if (!(options.isolated ?? globalThis.crossOriginIsolated === true)) {
    return new WebContainerUnavailable('not-isolated', 'La página no está aislada (COOP/COEP), requisito de WebContainer.');
  }
  if (!(options.supported ?? (typeof SharedArrayBuffer !== 'undefined' && typeof Worker !== 'undefined' && typeof WebAssembly !== 'undefined'))) {
    return new WebContainerUnavailable('unsupported', 'Este navegador no puede ejecutar WebContainer.');
  }
  return undefined;
}

export async function bootWebContainer(options: BootOptions = {}): Promise<ContainerLike> {
  const unsupported = unsupportedReason(options);
  if (unsupported) throw unsupported;
  const timeoutMs = options.timeoutMs ?? TIMEOUTS.containerBootMs;
  if (!rawBoot) {
    const api = await (options.loadApi ?? (() => import('@webcontainer/api') as Promise<WebContainerApi>))();
    // Checked again: another caller may have started the boot while the API was loading.
    if (!rawBoot) {
      if (options.apiKey) api.configureAPIKey(options.apiKey);
      rawBoot = api.WebContainer.boot({ coep: 'require-corp', workdirName: 'foodly' });
      // A boot that failed (not one that is slow) may be tried again.
      rawBoot.catch(() => (rawBoot = undefined));
    }
  }
  const started = Date.now();
  const progress = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    options.onProgress?.(`Arrancando WebContainer (Node completo)… ${seconds} s (suele tardar 10-40 s la primera vez).`);
  }, 2_000);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new WebContainerUnavailable('timeout', `WebContainer no arrancó en ${Math.round(timeoutMs / 1000)} s (sin conexión con StackBlitz).`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([rawBoot!, timeout]);
  } catch (error) {
    if (error instanceof WebContainerUnavailable) throw error;
    throw new WebContainerUnavailable('failed', `WebContainer falló al arrancar: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
    clearInterval(progress);
  }
}

/** For tests only: forget the page's container. */
export function resetBootForTests(): void {
  rawBoot = undefined;
}
