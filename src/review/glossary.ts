// Reads content/glosario.yaml into collection entries (build time; the filter is ./glossary-filter.ts).
import { slug } from 'github-slugger';
import { parse as parseYaml } from 'yaml';

export const GLOSSARY_FILE = 'content/glosario.yaml';

/** The file loader's parser: one entry per term, id = the term's slug (its anchor on /repaso/). */
export function glossaryEntries(text: string): Array<Record<string, unknown> & { id: string }> {
  const list = parseYaml(text) as unknown;
  if (!Array.isArray(list)) throw new Error(`${GLOSSARY_FILE}: debe ser una lista de términos`);
  const seen = new Map<string, number>();
  return list.map((entry: Record<string, unknown>, index) => {
    const id = `termino-${slug(String(entry?.term ?? `sin-nombre-${index}`))}`;
    const first = seen.get(id);
    if (first !== undefined) throw new Error(`${GLOSSARY_FILE} → [${index}].term: el término "${String(entry.term)}" ya está en [${first}]`);
    seen.set(id, index);
    return { ...entry, id };
  });
}
