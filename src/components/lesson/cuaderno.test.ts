import { describe, expect, it } from 'vitest';
import { localIsoDate, notebookFileName, notebookMarkdown, parseSavedAnswers, storageKey } from './cuaderno.ts';

const prompts = [
  { id: 'modulos', label: '¿Qué módulos identificas?' },
  { id: 'acoplamientos', label: '¿Qué acoplamientos encontraste?' },
];

describe('notebookMarkdown', () => {
  it('writes the title, subtitle, date and one section per prompt with its answer', () => {
    const markdown = notebookMarkdown({
      title: 'Cuaderno de reflexión',
      subtitle: 'Tema 1. Introducción',
      date: '2025-06-04',
      prompts,
      answers: { modulos: 'auth, products y orders', acoplamientos: 'orders lee sessions' },
    });
    expect(markdown).toBe(
      [
        '# Cuaderno de reflexión',
        '',
        'Tema 1. Introducción',
        '',
        'Fecha: 2025-06-04',
        '',
        '## ¿Qué módulos identificas?',
        '',
        'auth, products y orders',
        '',
        '## ¿Qué acoplamientos encontraste?',
        '',
        'orders lee sessions',
        '',
      ].join('\n'),
    );
  });

  it('marks unanswered prompts and omits the date in the blank template', () => {
    const markdown = notebookMarkdown({ title: 'Plantilla', prompts, answers: { modulos: '   \n ' }, emptyText: '_Escribe aquí._' });
    expect(markdown).not.toContain('Fecha:');
    expect(markdown.match(/_Escribe aquí\._/g)).toHaveLength(2);
  });

  it('keeps multi-line answers, normalizes CRLF and ends with exactly one newline', () => {
    const markdown = notebookMarkdown({ title: 'T', prompts: prompts.slice(0, 1), answers: { modulos: '- auth\r\n- orders\r\n\r\n' } });
    expect(markdown).toBe('# T\n\n## ¿Qué módulos identificas?\n\n- auth\n- orders\n');
  });

  it('keeps headings on one line even if a label or the title contains line breaks', () => {
    const markdown = notebookMarkdown({ title: 'Mi\ncuaderno', prompts: [{ id: 'a', label: 'Una\n  pregunta' }], answers: {} });
    expect(markdown.split('\n').filter((line) => line.startsWith('#'))).toEqual(['# Mi cuaderno', '## Una pregunta']);
  });

  it('ignores answers to prompts that no longer exist', () => {
    expect(notebookMarkdown({ title: 'T', prompts: [], answers: { vieja: 'texto' } })).toBe('# T\n');
  });
});

describe('notebookFileName', () => {
  it('builds a file-system-safe name without accents', () => {
    expect(notebookFileName('Tema 1: Introducción', '2025-06-04')).toBe('cuaderno-tema-1-introduccion-2025-06-04.md');
    expect(notebookFileName('¿?', '2025-06-04')).toBe('cuaderno-notas-2025-06-04.md');
  });
});

describe('localIsoDate', () => {
  it('uses the local calendar day, zero-padded', () => {
    expect(localIsoDate(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });
});

describe('parseSavedAnswers', () => {
  it('reads saved string answers and drops anything else', () => {
    expect(parseSavedAnswers(JSON.stringify({ modulos: 'auth', numero: 3 }))).toEqual({ modulos: 'auth' });
  });

  it('returns no answers for missing, corrupt or non-object data', () => {
    expect(parseSavedAnswers(null)).toEqual({});
    expect(parseSavedAnswers('{no es json')).toEqual({});
    expect(parseSavedAnswers('["a"]')).toEqual({});
    expect(parseSavedAnswers('"texto"')).toEqual({});
  });

  it('stores each notebook under its own key', () => {
    expect(storageKey('tema-01')).toBe('cuaderno:tema-01');
  });
});
