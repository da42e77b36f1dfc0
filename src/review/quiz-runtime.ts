// Turns the build-time markup of a question (see ./QuizQuestion.astro) into an accessible form:
// a fieldset whose legend is the prompt, radios or checkboxes (or an ordered list with move
// up/down buttons), a "Comprobar" button and a live region that gives the verdict, the right
// answer and the explanation. Shared by the lesson quizzes and "Repaso rápido".
import { scrambledOrder } from './random.ts';
import { isAnswerComplete, isCorrect, type QuestionType, type ScoredQuestion } from './scoring.ts';

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
let counter = 0;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.append(...children);
  return element;
}

const hiddenText = (text: string) => el('span', 'visually-hidden', text);
const childrenOf = (element: Element | null) => (element ? [...element.childNodes] : []);

/** What happened when a question was checked. */
export type CheckedListener = (ok: boolean) => void;

export function enhanceQuestion(item: HTMLElement, onChecked: CheckedListener): void {
  const uid = `quiz-${++counter}`;
  const type = item.dataset.type as QuestionType;
  const answerBody = item.querySelector('[data-answer]');

  const fieldset = el('fieldset', 'quiz-fieldset');
  const legend = el('legend', 'quiz-legend');
  const context = item.querySelector('.quiz-context');
  if (context) legend.append(el('span', 'quiz-context', ...childrenOf(context)), ' ');
  legend.append(el('span', 'quiz-legend-text', ...childrenOf(item.querySelector('.quiz-prompt-text'))));
  const hint = el('p', 'quiz-hint', item.querySelector('.quiz-hint')?.textContent ?? '');
  hint.id = `${uid}-hint`;
  fieldset.setAttribute('aria-describedby', hint.id);
  fieldset.append(legend, hint);

  let scored: ScoredQuestion;
  let readAnswer: () => number[];
  let markOptions: () => void = () => {};

  if (type === 'order') {
    const texts = [...item.querySelectorAll<HTMLElement>('[data-item]')].sort((a, b) => Number(a.dataset.item) - Number(b.dataset.item));
    scored = { type, items: texts.length };
    const list = el('ol', 'quiz-order');
    const moves = el('p', 'visually-hidden');
    moves.setAttribute('aria-live', 'polite');
    const refresh = () => {
      const rows = [...list.children] as HTMLElement[];
      rows.forEach((row, index) => {
        row.querySelector('[data-move="up"]')!.setAttribute('aria-disabled', String(index === 0));
        row.querySelector('[data-move="down"]')!.setAttribute('aria-disabled', String(index === rows.length - 1));
      });
    };
    for (const original of scrambledOrder(texts.length)) {
      const text = el('span', 'quiz-order-text', ...childrenOf(texts[original]!));
      const label = text.textContent ?? '';
      const up = el('button', 'quiz-move', el('span', '', '↑'), hiddenText(` Subir: ${label}`));
      const down = el('button', 'quiz-move', el('span', '', '↓'), hiddenText(` Bajar: ${label}`));
      for (const [button, direction] of [[up, 'up'], [down, 'down']] as const) {
        button.type = 'button';
        button.dataset.move = direction;
        button.firstElementChild!.setAttribute('aria-hidden', 'true');
      }
      const row = el('li', 'quiz-order-item', text, el('span', 'quiz-order-buttons', up, down));
      row.dataset.item = String(original);
      list.append(row);
    }
    list.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-move]');
      if (!button || fieldset.disabled || button.getAttribute('aria-disabled') === 'true') return;
      const row = button.closest('li')!;
      const up = button.dataset.move === 'up';
      const sibling = up ? row.previousElementSibling : row.nextElementSibling;
      if (!sibling) return;
      if (up) sibling.before(row);
      else sibling.after(row);
      refresh();
      // Moving the row blurred the button: keep the keyboard where it was, or on the other arrow at an end.
      const stay = button.getAttribute('aria-disabled') === 'true' ? row.querySelector<HTMLButtonElement>(`[data-move="${up ? 'down' : 'up'}"]`)! : button;
      stay.focus();
      const position = [...list.children].indexOf(row) + 1;
      moves.textContent = `«${row.querySelector('.quiz-order-text')!.textContent}» ahora es el ${position} de ${list.children.length}.`;
    });
    refresh();
    fieldset.append(list, moves);
    readAnswer = () => [...list.children].map((row) => Number((row as HTMLElement).dataset.item));
  } else {
    const choices = [...item.querySelectorAll<HTMLElement>('[data-choice]')];
    const correct = choices.flatMap((choice, index) => ('correct' in choice.dataset ? [index] : []));
    scored = { type, correct, choices: choices.length };
    const inputs = choices.map((choice, index) => {
      const input = el('input');
      input.type = type === 'multiple' ? 'checkbox' : 'radio';
      input.name = uid;
      input.id = `${uid}-${index}`;
      const label = el('label', '', `${letters[index]}. `, ...childrenOf(choice.querySelector('.quiz-choice-text')));
      label.htmlFor = input.id;
      const option = el('div', 'quiz-option', input, label);
      const code = choice.querySelector('pre');
      if (code) {
        // The code is the answer itself: read after the option's name, and clickable like the label.
        code.id = `${uid}-${index}-code`;
        input.setAttribute('aria-describedby', code.id);
        option.append(code);
        code.addEventListener('click', () => {
          if (!input.disabled) input.click();
        });
      }
      fieldset.append(option);
      return input;
    });
    readAnswer = () => inputs.flatMap((input, index) => (input.checked ? [index] : []));
    markOptions = () =>
      inputs.forEach((input, index) => {
        const isRight = correct.includes(index);
        const option = input.parentElement!;
        if (isRight) option.classList.add('is-correct');
        else if (input.checked) option.classList.add('is-wrong');
        const note = isRight ? (input.checked ? ' (correcta, la elegiste)' : ' (correcta)') : input.checked ? ' (la elegiste, no es correcta)' : '';
        if (note) option.querySelector('label')!.append(el('span', 'quiz-mark', note));
      });
  }

  const check = el('button', 'button quiz-check', 'Comprobar');
  check.type = 'button';
  const feedback = el('div', 'quiz-feedback');
  feedback.setAttribute('role', 'status');

  check.addEventListener('click', () => {
    if (check.getAttribute('aria-disabled') === 'true') return;
    const answer = readAnswer();
    if (!isAnswerComplete(scored, answer)) {
      feedback.className = 'quiz-feedback is-pending';
      feedback.textContent = type === 'multiple' ? 'Marca al menos una respuesta antes de comprobar.' : 'Elige una respuesta antes de comprobar.';
      return;
    }
    const ok = isCorrect(scored, answer);
    fieldset.disabled = true;
    markOptions();
    check.setAttribute('aria-disabled', 'true');
    check.textContent = 'Comprobada';
    feedback.className = `quiz-feedback ${ok ? 'is-right' : 'is-wrong'}`;
    feedback.replaceChildren(
      el('p', 'quiz-verdict', el('strong', '', ok ? '✔ ¡Correcto!' : '✘ No es correcto.')),
      ...childrenOf(answerBody),
    );
    item.dataset.result = ok ? 'right' : 'wrong';
    onChecked(ok);
  });

  item.replaceChildren(fieldset, el('div', 'quiz-actions', check), feedback);
  item.dataset.enhanced = '';
}
