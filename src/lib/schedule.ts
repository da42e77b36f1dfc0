// Schedule arithmetic for sessions: the timetable rows of a session must tile its time slot
// exactly, and the course's hours are the sum of its sessions.
import type { Session, TimetableRow } from '../content/schemas.ts';

/** Minutes since midnight for a HH:MM clock. */
export function toMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours! * 60 + minutes!;
}

export function rowMinutes(row: Pick<TimetableRow, 'start' | 'end'>): number {
  return toMinutes(row.end) - toMinutes(row.start);
}

export function sessionMinutes(session: Pick<Session, 'start' | 'end'>): number {
  return toMinutes(session.end) - toMinutes(session.start);
}

export function totalHours(sessions: Array<Pick<Session, 'start' | 'end'>>): number {
  return sessions.reduce((sum, session) => sum + sessionMinutes(session), 0) / 60;
}

/** "30,0 h", "3 h", "1 h 30 min": Spanish formatting of durations. */
export function formatHours(hours: number, { decimals = false } = {}): string {
  if (decimals) return `${hours.toFixed(1).replace('.', ',')} h`;
  const whole = Math.floor(hours);
  const minutes = Math.round((hours - whole) * 60);
  if (minutes === 0) return `${whole} h`;
  return whole === 0 ? `${minutes} min` : `${whole} h ${minutes} min`;
}

export function formatMinutes(minutes: number): string {
  return formatHours(minutes / 60);
}

/**
 * Problems with a session's timetable: rows out of order, gaps, overlaps, or rows that do not
 * start and end with the session. Each problem names the row by index, for the build error.
 */
export function timetableProblems(session: Pick<Session, 'start' | 'end' | 'timetable'>): Array<{ row: number; message: string }> {
  const problems: Array<{ row: number; message: string }> = [];
  let cursor = session.start;
  session.timetable.forEach((row, index) => {
    if (rowMinutes(row) <= 0) problems.push({ row: index, message: `termina (${row.end}) antes de empezar (${row.start})` });
    if (row.start !== cursor) {
      const kind = toMinutes(row.start) > toMinutes(cursor) ? 'hueco' : 'solapamiento';
      problems.push({ row: index, message: `${kind}: empieza a las ${row.start} y la fila anterior termina a las ${cursor}` });
    }
    cursor = row.end;
  });
  if (cursor !== session.end) {
    problems.push({ row: session.timetable.length - 1, message: `la última fila termina a las ${cursor} y la sesión a las ${session.end}` });
  }
  return problems;
}

/** Minutes of each topic in a session's timetable (rows with a `topic`). */
export function minutesByTopic(sessions: Session[]): Map<number, number> {
  const totals = new Map<number, number>();
  for (const session of sessions) {
    for (const row of session.timetable) {
      if (row.topic !== undefined) totals.set(row.topic, (totals.get(row.topic) ?? 0) + rowMinutes(row));
    }
  }
  return totals;
}

const weekdays = ['Domingo', 'Lunes', 'Martes', 'Miércoles', 'Jueves', 'Viernes', 'Sábado'] as const;

/** Weekday of an ISO date (YYYY-MM-DD), in Spanish, computed in UTC so the host's zone cannot shift it. */
export function weekdayOf(isoDate: string): (typeof weekdays)[number] {
  return weekdays[new Date(`${isoDate}T12:00:00Z`).getUTCDay()]!;
}

const months = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

/** "4 de junio de 2025" */
export function formatDate(isoDate: string, { year = true } = {}): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${d} de ${months[m! - 1]}${year ? ` de ${y}` : ''}`;
}
