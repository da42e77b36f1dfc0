// Every UI string of the site, keyed, so a second language is one more dictionary.
export const es = {
  'site.name': 'Foodly · Microservicios con Hono',
  'site.skipLink': 'Saltar al contenido',
  'nav.label': 'Navegación principal',
  'nav.home': 'Inicio',
  'nav.topics': 'Temario',
  'nav.topicsMenu': 'Todos los temas',
  'nav.sessions': 'Sesiones',
  'nav.methodology': 'Metodología',
  'nav.labs': 'Laboratorios',
  'nav.review': 'Repaso',
  'theme.toggle': 'Tema oscuro',
  'theme.toggleTitle': 'Cambiar entre tema claro y oscuro',
  'search.open': 'Buscar',
  'search.shortcut': 'Pulsa / para buscar',
  'search.title': 'Buscar en el curso',
  'search.close': 'Cerrar la búsqueda',
  'search.unavailable': 'La búsqueda se genera al construir el sitio (npm run build). En el servidor de desarrollo no hay índice.',
  'search.loading': 'Cargando el buscador…',
  'pager.label': 'Temas anterior y siguiente',
  'pager.previous': 'Tema anterior',
  'pager.next': 'Tema siguiente',
  'topic.number': 'Tema',
  'topic.block': 'Bloque',
  'topic.sessions': 'Se imparte en',
  'topic.duration': 'Estudio autónomo',
  'topic.objectives': 'Objetivos de aprendizaje',
  'topic.keyContents': 'Contenidos clave',
  'topic.syllabusOnly': 'Este tema muestra, por ahora, su entrada del temario: la lección completa con laboratorios en vivo se publicará aquí.',
  'topic.labs': 'Laboratorios',
  'session.calendar': 'Añadir al calendario',
  'session.calendarAll': 'Añadir las 8 sesiones al calendario (.ics)',
  'session.calendarOne': 'Añadir esta sesión al calendario (.ics)',
  'session.timetable': 'Estructura de la sesión',
  'session.objectives': 'Objetivos de aprendizaje',
  'session.deliverables': 'Entregables al final de la sesión',
  'footer.note': 'Curso de Iván J.U., reconstruido en TypeScript con Hono. Los sandboxes se ejecutan en tu navegador.',
  'notFound.title': 'Página no encontrada',
} as const;

export type UiKey = keyof typeof es;

export function t(key: UiKey): string {
  return es[key];
}
