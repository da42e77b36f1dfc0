// The glossary filter of /repaso/: accent- and case-insensitive, over each term and its aliases.

/** Lower case, without accents or extra spaces: "Idempoténcia " → "idempotencia". */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface Searchable {
  term: string;
  aliases: string[];
}

export function matchesQuery(entry: Searchable, query: string): boolean {
  const needle = normalizeForSearch(query);
  if (!needle) return true;
  return [entry.term, ...entry.aliases].some((name) => normalizeForSearch(name).includes(needle));
}

export function resultCountText(count: number, total: number, query: string): string {
  if (!normalizeForSearch(query)) return `${total} términos.`;
  if (count === 0) return `Ningún término coincide con «${query.trim()}».`;
  return `${count === 1 ? '1 término coincide' : `${count} términos coinciden`} con «${query.trim()}».`;
}
