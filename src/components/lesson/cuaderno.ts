// Pure logic of the reflection notebook (<Cuaderno>): the Markdown it downloads, the file name and
// how saved answers are read back. No DOM here, so it is unit-tested and shared with the page.

export interface NotebookPrompt {
  /** Stable key of the answer in storage (kebab-case). */
  id: string;
  /** The question, used as the textarea label and as the heading in the Markdown. */
  label: string;
  /** A short hint shown under the label. */
  hint?: string;
}

export interface NotebookInput {
  title: string;
  /** Subtitle line, e.g. the topic ("Tema 1. Introducción…"). */
  subtitle?: string;
  /** ISO date (YYYY-MM-DD); omitted in the blank template. */
  date?: string;
  prompts: NotebookPrompt[];
  answers: Record<string, string>;
  /** Text written under a prompt with no answer. */
  emptyText?: string;
}

const normalize = (text: string) => text.replace(/\r\n?/g, '\n').trim();

/** A heading must stay on one line: collapse whitespace so a label can never break the structure. */
const headingText = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The notebook as a Markdown document: a title, the date and one `##` section per prompt. */
export function notebookMarkdown({ title, subtitle, date, prompts, answers, emptyText = '_Sin respuesta._' }: NotebookInput): string {
  const lines = [`# ${headingText(title)}`, ''];
  if (subtitle) lines.push(headingText(subtitle), '');
  if (date) lines.push(`Fecha: ${date}`, '');
  for (const prompt of prompts) {
    const answer = normalize(answers[prompt.id] ?? '');
    lines.push(`## ${headingText(prompt.label)}`, '', answer || emptyText, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Local date as YYYY-MM-DD (not toISOString, which is UTC and can be yesterday or tomorrow). */
export function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** File name for the download: cuaderno-<key>-<date>.md, with a key safe for any file system. */
export function notebookFileName(key: string, date: string): string {
  const safe = key
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `cuaderno-${safe || 'notas'}-${date}.md`;
}

/** localStorage key of a notebook. */
export const storageKey = (key: string) => `cuaderno:${key}`;

/** Reads saved answers; anything that is not a { string: string } object (old or corrupt data) is ignored. */
export function parseSavedAnswers(raw: string | null): Record<string, string> {
  if (!raw) return {};
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
  const answers: Record<string, string> = {};
  for (const [id, value] of Object.entries(data)) if (typeof value === 'string') answers[id] = value;
  return answers;
}
