import { describe, expect, it } from 'vitest';
import { checkNewFilePath } from './new-file.ts';

const existing = ['products-service/src/app.ts', 'package.json'];

describe('checkNewFilePath', () => {
  it('accepts a new file in a new or existing folder, trimming ./ and spaces', () => {
    expect(checkNewFilePath(' products-service/src/products/RedisProductRepository.ts ', existing)).toEqual({ path: 'products-service/src/products/RedisProductRepository.ts' });
    expect(checkNewFilePath('./docs/adr-001.md', existing)).toEqual({ path: 'docs/adr-001.md' });
  });

  it.each([
    ['', /Escribe la ruta/],
    ['/etc/passwd', /relativa/],
    ['a\\b.ts', /relativa/],
    ['../fuera.ts', /«\.\.»/],
    ['a//b.ts', /dos «\/»/],
    ['src/canción.ts', /«canción\.ts» tiene caracteres/],
    ['src/a b.ts', /tiene caracteres/],
    ['products-service/src/app.ts', /ya existe/],
    ['products-service/src', /es una carpeta/],
    ['package.json/x.ts', /es un archivo, no una carpeta/],
    ['x'.repeat(201), /demasiado larga/],
  ])('refuses %j', (typed, message) => {
    const outcome = checkNewFilePath(typed, existing);
    expect('error' in outcome && outcome.error).toMatch(message);
  });
});
