import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine } from './ics.ts';

const stamp = new Date('2026-01-02T03:04:05Z');

describe('ics', () => {
  const calendar = buildCalendar(
    [
      { uid: 'sesion-1@test', date: '2025-06-04', start: '08:30', end: '11:30', summary: 'Sesión 1; intro, Hono', description: 'Línea 1\nLínea 2' },
      { uid: 'sesion-2@test', date: '2025-06-05', start: '08:30', end: '12:30', summary: 'Sesión 2', url: 'https://example.org/sesiones/2/' },
    ],
    { name: 'Curso', stamp },
  );
  const lines = calendar.split('\r\n');

  it('is a VCALENDAR with CRLF line endings and one VEVENT per session', () => {
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(calendar.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(calendar.replace(/\r\n/g, '')).not.toContain('\n');
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((line) => line.startsWith('PRODID:'))).toBe(true);
  });

  it('uses Madrid local time with a VTIMEZONE for it', () => {
    expect(lines).toContain('BEGIN:VTIMEZONE');
    expect(lines).toContain('TZID:Europe/Madrid');
    expect(lines).toContain('DTSTART;TZID=Europe/Madrid:20250604T083000');
    expect(lines).toContain('DTEND;TZID=Europe/Madrid:20250604T113000');
    expect(lines).toContain('DTSTAMP:20260102T030405Z');
  });

  it('escapes TEXT values', () => {
    expect(lines).toContain('SUMMARY:Sesión 1\\; intro\\, Hono');
    expect(lines).toContain('DESCRIPTION:Línea 1\\nLínea 2');
    expect(escapeText('a\\b')).toBe('a\\\\b');
  });

  it('folds long lines at 75 octets without splitting characters', () => {
    const long = `DESCRIPTION:${'ñ'.repeat(100)}`;
    const folded = foldLine(long);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(parts.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(long);
  });
});
