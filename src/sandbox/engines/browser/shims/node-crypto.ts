// node:crypto → the Web Crypto API (what the Foodly services use: randomUUID, subtle, getRandomValues).
export const webcrypto = globalThis.crypto;
export const subtle = globalThis.crypto.subtle;
export const randomUUID = () => globalThis.crypto.randomUUID();
export const getRandomValues = <T extends ArrayBufferView<ArrayBuffer>>(array: T): T => globalThis.crypto.getRandomValues(array);
export function randomBytes(size: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(size));
}
export function timingSafeEqual(a: ArrayBufferView, b: ArrayBufferView): boolean {
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  if (x.length !== y.length) throw new RangeError('Input buffers must have the same byte length');
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}
export default { webcrypto, subtle, randomUUID, getRandomValues, randomBytes, timingSafeEqual };
