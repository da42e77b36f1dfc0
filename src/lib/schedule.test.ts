import { describe, expect, it } from 'vitest';
import { formatDate, formatHours, minutesByTopic, sessionMinutes, timetableProblems, totalHours, weekdayOf } from './schedule.ts';
import type { Session } from '../content/schemas.ts';

const row = (start: string, end: string, topic?: number) => ({ start, end, kind: 'laboratorio' as const, activity: 'x', topic });

describe('schedule arithmetic', () => {
  it('measures sessions and adds them up in hours', () => {
    expect(sessionMinutes({ start: '08:30', end: '12:30' })).toBe(240);
    expect(totalHours([{ start: '08:30', end: '11:30' }, { start: '08:30', end: '12:30' }])).toBe(7);
  });

  it('formats durations in Spanish', () => {
    expect(formatHours(30, { decimals: true })).toBe('30,0 h');
    expect(formatHours(3)).toBe('3 h');
    expect(formatHours(1.5)).toBe('1 h 30 min');
    expect(formatHours(0.25)).toBe('15 min');
  });

  it('knows the weekday of a date regardless of the host time zone', () => {
    expect(weekdayOf('2025-06-04')).toBe('Miércoles');
    expect(weekdayOf('2025-06-09')).toBe('Lunes');
    expect(formatDate('2025-06-17')).toBe('17 de junio de 2025');
    expect(formatDate('2025-06-17', { year: false })).toBe('17 de junio');
  });

  it('accepts a timetable that tiles its session', () => {
    expect(timetableProblems({ start: '08:30', end: '09:30', timetable: [row('08:30', '09:00'), row('09:00', '09:30')] })).toEqual([]);
  });

  it('reports gaps, overlaps and a wrong end, naming the row', () => {
    const problems = timetableProblems({
      start: '08:30',
      end: '10:00',
      timetable: [row('08:30', '09:00'), row('09:10', '09:40'), row('09:30', '09:50')],
    });
    expect(problems).toEqual([
      { row: 1, message: expect.stringContaining('hueco') },
      { row: 2, message: expect.stringContaining('solapamiento') },
      { row: 2, message: expect.stringContaining('la sesión a las 10:00') },
    ]);
  });

  it('adds up the minutes each topic gets in class', () => {
    const sessions = [
      { timetable: [row('08:30', '09:00', 1), row('09:00', '10:00', 2), row('10:00', '10:15')] },
      { timetable: [row('08:30', '09:00', 2)] },
    ] as Session[];
    expect(minutesByTopic(sessions)).toEqual(new Map([[1, 30], [2, 90]]));
  });
});
