import { describe, expect, it } from 'vitest';
import { matchesQuery, normalizeForSearch, resultCountText } from './glossary-filter.ts';
import { glossaryEntries } from './glossary.ts';

const saga = { term: 'Saga', aliases: ['compensación', 'orquestación'] };
const breaker = { term: 'Circuit breaker', aliases: ['cortocircuito'] };

describe('glossary filter', () => {
  it('ignores case, accents and surrounding spaces', () => {
    expect(normalizeForSearch('  Idempoténcia  OK ')).toBe('idempotencia ok');
    expect(matchesQuery(saga, 'COMPENSACION')).toBe(true);
    expect(matchesQuery(breaker, 'circuit b')).toBe(true);
    expect(matchesQuery(breaker, 'saga')).toBe(false);
    expect(matchesQuery(saga, '   ')).toBe(true);
  });

  it('says how many terms match, in Spanish', () => {
    expect(resultCountText(36, 36, '')).toBe('36 términos.');
    expect(resultCountText(1, 36, ' saga ')).toBe('1 término coincide con «saga».');
    expect(resultCountText(3, 36, 'ev')).toBe('3 términos coinciden con «ev».');
    expect(resultCountText(0, 36, 'zzz')).toBe('Ningún término coincide con «zzz».');
  });
});

describe('glossary file parser', () => {
  it('gives each term an id from its name', () => {
    expect(glossaryEntries('- term: Value object\n  definition: x\n  topic: 7\n').map((e) => e.id)).toEqual(['termino-value-object']);
  });

  it('rejects a repeated term naming both positions', () => {
    expect(() => glossaryEntries('- term: Saga\n- term: saga\n')).toThrow('content/glosario.yaml → [1].term: el término "saga" ya está en [0]');
  });
});
