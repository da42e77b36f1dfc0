// tracking: one service run as 3 replicas (lab.yaml `replicas: 3`). Each answers who it is: the
// REPLICA_ID its engine gave it, and its process id where there is one (separate processes in Node).
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const replica = process.env.REPLICA_ID ?? 'tracking';
const app = new Hono();

app.get('/whoami', (c) => c.json({ replica, pid: typeof process.pid === 'number' ? process.pid : null }));

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3110) }, (info) => console.log(`${replica} escuchando en :${info.port}`));
