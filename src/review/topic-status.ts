// What /repaso/ shows for one topic (done and weak), as an HTML string: the build renders it for a
// reader with no progress yet and the page script re-renders it with the stored progress. One
// renderer for both means the first paint already has the final layout for a new reader (no
// layout shift when the script runs) and the no-JS page reads the same.
import type { TopicSummary } from './summary.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const item = (done: boolean, text: string) => `<li${done ? ' class="is-done"' : ''}>${escapeHtml(text)}</li>`;
const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

export function topicStatusHtml(summary: TopicSummary): string {
  const { topic, read, quiz, labsPassed, labsPending, weakQuestions } = summary;
  const facts = [item(read, read ? '✔ Leído' : 'Sin leer')];
  if (topic.quiz) {
    facts.push(
      item(Boolean(quiz?.passed), quiz ? `${quiz.passed ? '✔ ' : ''}Cuestionario: mejor ${quiz.best} de ${quiz.total}, último ${quiz.last} de ${quiz.total}` : 'Cuestionario sin hacer'),
    );
  }
  if (topic.labs.length > 0) {
    const all = labsPassed.length === topic.labs.length;
    facts.push(item(all, `${all ? '✔ ' : ''}Laboratorios superados: ${labsPassed.length} de ${topic.labs.length}`));
  }
  let html = `<ul class="topic-facts">${facts.join('')}</ul>`;
  const weak = [
    ...weakQuestions.map((question) => `<li>Fallaste: ${link(question.href, question.prompt)}</li>`),
    ...labsPending.map((lab) => {
      const why = lab.failed.length > 0 ? ` (no pasó: ${lab.failed.join('; ')})` : lab.attempted ? '' : ' (sin hacer)';
      return `<li>Laboratorio sin superar: ${link(lab.href, lab.title)}${escapeHtml(why)}</li>`;
    }),
  ];
  if (weak.length > 0) html += `<p class="weak-title">Para repasar:</p><ul class="weak-list">${weak.join('')}</ul>`;
  else if (summary.done === summary.total) html += '<p class="topic-complete">✔ Tema completado.</p>';
  return html;
}
