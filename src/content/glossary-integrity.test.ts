import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findGlossaryErrors } from './integrity.ts';
import { glossaryTermSchema } from './schemas.ts';
import { glossaryEntries } from '../review/glossary.ts';

const term = (over: Record<string, unknown>) => ({ id: 'x', data: glossaryTermSchema.parse({ term: 'Saga', definition: 'd', topic: 13, ...over }) });

describe('glossary references', () => {
  const topics = [{ number: 13, headingIds: ['patrón-saga', 'outbox'] }];

  it('accepts a term that links to an existing topic and section', () => {
    expect(findGlossaryErrors({ terms: [term({ section: 'patrón-saga' }), term({})], topics })).toEqual([]);
  });

  it('names the file, the field and the term when the topic or the section does not exist', () => {
    expect(findGlossaryErrors({ terms: [term({}), term({ topic: 99 }), term({ section: 'no-existe' })], topics })).toEqual([
      { file: 'content/glosario.yaml', field: '[1].topic', message: 'el tema 99 (término «Saga») no existe' },
      { file: 'content/glosario.yaml', field: '[2].section', message: 'la lección del tema 13 no tiene la sección «no-existe» (término «Saga»)' },
    ]);
  });

  it('the real glossary has at least 30 valid terms with definitions', () => {
    const entries = glossaryEntries(readFileSync('content/glosario.yaml', 'utf8'));
    expect(entries.length).toBeGreaterThanOrEqual(30);
    for (const { id: _id, ...entry } of entries) expect(() => glossaryTermSchema.parse(entry)).not.toThrow();
  });
});
