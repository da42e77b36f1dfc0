import type { Context } from 'hono';

type ZodLikeIssue = { path: PropertyKey[]; message: string; code: string };

/** Respuesta 422 con el detalle de cada campo (mismo formato que FastAPI). */
export function validationHook(target: 'json' | 'query' | 'param') {
  return (result: { success: boolean; error?: { issues: ZodLikeIssue[] } }, c: Context) => {
    if (result.success) return;
    const where = target === 'json' ? 'body' : target === 'param' ? 'path' : 'query';
    const detail = (result.error?.issues ?? []).map((issue) => ({
      loc: [where, ...issue.path.map(String)],
      msg: issue.message,
      type: issue.code,
    }));
    return c.json({ detail }, 422);
  };
}
