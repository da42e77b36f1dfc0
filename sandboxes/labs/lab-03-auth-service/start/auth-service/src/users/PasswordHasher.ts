// Contraseñas con PBKDF2-SHA-256 de Web Crypto (funciona igual en Node, en el navegador y en workers):
// sal aleatoria por usuario, muchas iteraciones y comparación en tiempo constante.
const HASH_BYTES = 32;
const SALT_BYTES = 16;

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, HASH_BYTES * 8);
  return new Uint8Array(bits);
}

/** Compara sin salir antes de tiempo: tarda lo mismo acierte o falle el primer byte. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

export class PasswordHasher {
  private readonly iterations: number;

  constructor(iterations: number) {
    this.iterations = iterations;
  }

  async hash(password: string): Promise<string> {
    const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
    const hash = await derive(password, salt, this.iterations);
    return `pbkdf2_sha256$${this.iterations}$${toBase64(salt)}$${toBase64(hash)}`;
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, iterations, salt, hash] = stored.split('$');
    if (scheme !== 'pbkdf2_sha256' || !iterations || !salt || !hash) return false;
    const candidate = await derive(password, fromBase64(salt), Number(iterations));
    return timingSafeEqual(candidate, fromBase64(hash));
  }
}
