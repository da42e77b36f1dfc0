// gateway: knows the tracking replicas only by the URLs in its env (REPLICA_URLS), as a load
// balancer would, and asks each one who it is; a replica that is down is reported, not fatal.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const urls = (process.env.REPLICA_URLS ?? '').split(',').filter(Boolean);
const app = new Hono();

app.get('/replicas', async (c) => {
  const answers = await Promise.all(
    urls.map(async (url) => {
      try {
        const response = await fetch(`${url}/whoami`, { signal: AbortSignal.timeout(2000) });
        return { url, ...((await response.json()) as { replica: string; pid: number | null }) };
      } catch (error) {
        return { url, error: (error as Error).message };
      }
    }),
  );
  return c.json(answers);
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3105) }, (info) => console.log(`gateway escuchando en :${info.port}`));
