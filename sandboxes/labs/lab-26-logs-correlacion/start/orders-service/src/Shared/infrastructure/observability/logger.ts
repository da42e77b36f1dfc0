import { pino } from 'pino';
import type { Logger } from 'pino';

export type { Logger };

// #region root-logger
/**
 * El logger raíz del servicio: una línea JSON por evento en la salida estándar (nivel numérico, time en
 * ms, msg). Quien los recoge (Docker, Kubernetes, el panel de logs del sandbox) no tiene que adivinar el
 * formato. Cada petición usará un hijo con sus propios campos (child).
 */
export function createLogger(service: string): Logger {
  return pino({ level: 'info' }).child({ service });
}
// #endregion root-logger
