import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import type { Database } from './db.ts';
import { validationHook } from './validation.ts';

const credentials = z.object({
  email: z.email(),
  password: z.string().min(8),
});
const registration = credentials.extend({ name: z.string().trim().min(1).max(80) });

// Un hash rápido y sin sal: suficiente para el monolito de juguete, inaceptable en producción
// (el Lab 3 lo sustituye por PBKDF2 con sal por usuario).
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function authRoutes(db: Database) {
  const app = new Hono();

  app.post('/register', zValidator('json', registration, validationHook('json')), async (c) => {
    const { email, name, password } = c.req.valid('json');
    const exists = [...db.users.values()].some((user) => user.email === email);
    if (exists) return c.json({ error: 'Ese email ya está registrado' }, 409);
    const user = { id: crypto.randomUUID(), email, name, passwordHash: await sha256(password) };
    db.users.set(user.id, user);
    return c.json({ id: user.id, email, name }, 201);
  });

  app.post('/login', zValidator('json', credentials, validationHook('json')), async (c) => {
    const { email, password } = c.req.valid('json');
    const user = [...db.users.values()].find((candidate) => candidate.email === email);
    if (!user || user.passwordHash !== (await sha256(password))) {
      return c.json({ error: 'Credenciales incorrectas' }, 401);
    }
    // #region login-session
    // ACOPLAMIENTO: las sesiones viven en la tabla compartida; pedidos las lee directamente.
    const token = crypto.randomUUID();
    db.sessions.set(token, user.id);
    return c.json({ token });
    // #endregion login-session
  });

  return app;
}
