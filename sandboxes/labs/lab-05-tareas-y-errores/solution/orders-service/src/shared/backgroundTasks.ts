// #region background-tasks
import type { MiddlewareHandler } from 'hono';

export type BackgroundTasks = { add(task: () => Promise<void>): void };
export type BackgroundEnv = { Variables: { background: BackgroundTasks } };

/**
 * Tareas en segundo plano al estilo de BackgroundTasks de FastAPI: las rutas las añaden y se
 * ejecutan después de que la respuesta haya salido. Si fallan, se registra en el log: quien hizo
 * la petición ya tiene su respuesta.
 */
export function backgroundTasks(): MiddlewareHandler<BackgroundEnv> {
  return async (c, next) => {
    const tasks: Array<() => Promise<void>> = [];
    c.set('background', { add: (task) => tasks.push(task) });
    await next();
    if (tasks.length === 0) return;
    setTimeout(async () => {
      for (const task of tasks) {
        try {
          await task();
        } catch (error) {
          console.error('[segundo plano] una tarea falló:', error);
        }
      }
    }, 0);
  };
}
// #endregion background-tasks
