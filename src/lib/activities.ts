import type { TimetableRow } from '../content/schemas.ts';

/** How each kind of timetable row is shown: the seed's emoji and a Spanish label. */
export const activityKinds: Record<TimetableRow['kind'], { icon: string; label: string }> = {
  bienvenida: { icon: '✅', label: 'Bienvenida' },
  repaso: { icon: '✅', label: 'Repaso' },
  teoria: { icon: '🧠', label: 'Exposición' },
  demo: { icon: '🎓', label: 'Exposición y demo' },
  laboratorio: { icon: '💻', label: 'Laboratorio' },
  discusion: { icon: '🔍', label: 'Discusión' },
  descanso: { icon: '☕', label: 'Descanso' },
};
