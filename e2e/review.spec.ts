// Self-paced review against the built site: a lesson quiz (all question types, keyboard
// reordering), progress kept across reloads and moved on the home page, export/import into a
// fresh browser, damaged storage, lab results, the /repaso/ page, "Repaso rápido" and the glossary.
// Quizzes are read from content/quizzes/, so the test follows whatever the lessons contain.
import { readdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect as baseExpect, test, type Locator, type Page } from '@playwright/test';
import { parse } from 'yaml';

interface QuizQuestion {
  id: string;
  type: 'single' | 'multiple' | 'order' | 'code';
  section?: string;
  choices?: Array<{ text: string; correct?: boolean }>;
  items?: string[];
}

interface QuizTopic {
  id: string;
  slug: string;
  block: string;
  labs: string[];
  questions: QuizQuestion[];
}

const STORAGE_KEY = 'foodly-curso:progreso';
// These tests walk through whole quizzes; on a busy CI machine they need more than the defaults.
const expect = baseExpect.configure({ timeout: 15_000 });
test.describe.configure({ timeout: 120_000 });

function quizTopics(): QuizTopic[] {
  return readdirSync('content/quizzes')
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) => {
      const id = file.replace(/\.yaml$/, '');
      let lesson: string;
      try {
        lesson = readFileSync(`content/temas/${id}.mdx`, 'utf8');
      } catch {
        return [];
      }
      if (!/^quiz: true\s*$/m.test(lesson)) return [];
      // A topic's labs are those whose lab.yaml names it (the site derives them the same way).
      const number = Number(/^number: (\d+)/m.exec(lesson)![1]);
      const labs = readdirSync('sandboxes/labs')
        .filter((lab) => (parse(readFileSync(`sandboxes/labs/${lab}/lab.yaml`, 'utf8')) as { topic: number }).topic === number)
        .sort();
      const quiz = parse(readFileSync(`content/quizzes/${file}`, 'utf8')) as { questions: QuizQuestion[] };
      return [{ id, slug: id.replace(/^\d+-/, ''), block: /^block: (\S+)/m.exec(lesson)![1]!, labs, questions: quiz.questions }];
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

const topics = quizTopics();
// The richest quiz (one with an order question) exercises every question type. Missing content
// fails the run (never a skip: a test that skips when the content breaks goes green untested).
function required<T>(value: T | undefined, problem: string): T {
  if (value === undefined) throw new Error(`review.spec.ts: ${problem}`);
  return value;
}
const topic = required(topics.find((t) => t.questions.some((q) => q.type === 'order')), 'ningún cuestionario tiene una pregunta de ordenar');
const withLab = required(topics.find((t) => t.labs.length > 0), 'ningún tema con cuestionario tiene laboratorios');

const plain = (text: string) => text.replace(/[`*]/g, '').replace(/\s+/g, ' ').trim();

async function answer(page: Page, item: Locator, question: QuizQuestion, right: boolean) {
  if (question.type === 'order') {
    if (right) {
      const wanted = question.items!.map(plain);
      for (let target = 0; target < wanted.length; target++) {
        const texts = (await item.locator('.quiz-order-text').allInnerTexts()).map(plain);
        for (let position = texts.indexOf(wanted[target]!); position > target; position--) {
          // Keyboard only: focus "Subir" and press Enter; focus stays on the moved item.
          await item.locator('.quiz-order-item').nth(position).getByRole('button', { name: /^Subir/ }).focus();
          await page.keyboard.press('Enter');
          await expect(page.locator(':focus')).toHaveAccessibleName(/Subir|Bajar/);
        }
      }
      expect((await item.locator('.quiz-order-text').allInnerTexts()).map(plain)).toEqual(wanted);
    }
  } else {
    // Choices are shuffled at build time: find each one by its text, never by its place in the YAML.
    const choices = question.choices!;
    const pick = right ? choices.filter((c) => c.correct) : [choices.find((c) => !c.correct)!];
    for (const choice of pick) {
      const label = new RegExp(`^[A-Z]\\. ${plain(choice.text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
      const option = item.locator('.quiz-option').filter({ has: page.locator('label').filter({ hasText: label }) });
      await expect(option).toHaveCount(1);
      await option.locator('input').check();
    }
  }
  await item.getByRole('button', { name: 'Comprobar' }).click();
  await expect(item.getByRole('status')).toContainText(right ? '¡Correcto!' : 'No es correcto');
}

async function openQuiz(page: Page, slug: string) {
  await page.goto(`/temas/${slug}/#cuestionario`);
  const quiz = page.locator('[data-quiz][data-enhanced]');
  await expect(quiz).toBeVisible();
  return quiz;
}

const barValue = (page: Page, scope: string) => page.locator(`[data-progress-bar="${scope}"] progress`).evaluate((el) => (el as HTMLProgressElement).value);

test.describe('review', () => {
  test('a quiz: answer every type, reload, the score is kept and the progress bars moved', async ({ page }) => {
    const { slug, questions, block } = topic;
    await page.goto('/');
    await expect(page.locator('[data-progress-overview]')).toBeVisible();
    const overallBefore = await barValue(page, 'overall');
    const blockBefore = await barValue(page, `block:${block}`);

    const quiz = await openQuiz(page, slug);
    await expect(quiz.locator('fieldset legend').first()).toBeVisible();
    for (const [index, question] of questions.entries()) await answer(page, quiz.locator('.quiz-question').nth(index), question, true);
    const n = questions.length;
    await expect(quiz.locator('[data-quiz-status]')).toHaveText(`Has terminado: has acertado ${n} de ${n} (100 %). ¡Todas bien!`);

    await page.reload();
    const reloaded = await openQuiz(page, slug);
    await expect(reloaded.locator('[data-quiz-best]')).toHaveText(`Tu mejor puntuación: ${n} de ${n} (100 %). Último intento: ${n} de ${n}.`);

    await page.goto('/');
    expect(await barValue(page, 'overall')).toBeGreaterThan(overallBefore);
    expect(await barValue(page, `block:${block}`)).toBeGreaterThan(blockBefore);
    await expect(page.locator('[data-progress-bar="overall"] progress')).toHaveAttribute('aria-valuetext', /de \d+ actividades/);
  });

  test('a failed retry keeps the best score and lists the wrong answers on /repaso/ with links to the lesson', async ({ page }) => {
    const { slug, questions } = topic;
    const quiz = await openQuiz(page, slug);
    for (const [index, question] of questions.entries()) await answer(page, quiz.locator('.quiz-question').nth(index), question, true);
    await quiz.getByRole('button', { name: 'Reintentar el cuestionario' }).click();
    await expect(quiz.locator('[data-quiz-status]')).toBeEmpty();
    // Retry focuses the first control of the first question.
    await expect(page.locator(':focus')).toBeVisible();
    await answer(page, quiz.locator('.quiz-question').first(), questions[0]!, false);
    for (const [index, question] of questions.entries()) {
      if (index > 0) await answer(page, quiz.locator('.quiz-question').nth(index), question, true);
    }
    const n = questions.length;
    await expect(quiz.locator('[data-quiz-best]')).toContainText(`Tu mejor puntuación: ${n} de ${n} (100 %). Último intento: ${n - 1} de ${n}.`);

    await page.goto('/repaso/');
    const card = page.locator(`[data-topic-status="${topic.id}"]`);
    await expect(card).toContainText(`Cuestionario: mejor ${n} de ${n}, último ${n - 1} de ${n}`);
    const weak = card.getByRole('link').first();
    const section = questions[0]!.section;
    await expect(weak).toHaveAttribute('href', new RegExp(`^/temas/${slug}/#`));
    const href = await weak.getAttribute('href');
    // The link lands on a real element of the lesson (the section, or the question itself).
    await weak.click();
    const target = decodeURIComponent(href!.split('#')[1]!);
    if (section) expect([section, `pregunta-${topic.id}--${questions[0]!.id}`]).toContain(target);
    await expect(page.locator(`[id="${target}"]`)).toBeAttached();
  });

  test('without JavaScript the quiz reads as a list with the answers in <details>', async ({ browser }, testInfo) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL: testInfo.project.use.baseURL });
    const page = await context.newPage();
    await page.goto(`/temas/${topic.slug}/`);
    const items = page.locator('.quiz-list > li');
    await expect(items).toHaveCount(topic.questions.length);
    const details = items.first().locator('details');
    await expect(details.locator('summary')).toHaveText('Ver la respuesta');
    await details.locator('summary').click();
    await expect(details).toContainText('Respuesta');
    await expect(page.locator('[data-read-marker]')).toBeHidden();
    await context.close();
  });

  test('export progress, then import it into a fresh browser; a bad file gets a Spanish error', async ({ page, browser }, testInfo) => {
    await page.goto(`/temas/${topic.slug}/`);
    const marker = page.locator('[data-read-marker]');
    await marker.getByRole('button', { name: 'Marcar como leído' }).click();
    await expect(marker.getByRole('status')).toHaveText('✔ Tema marcado como leído.');
    await expect(marker.getByRole('button')).toHaveText('Marcar como no leído');

    await page.goto('/repaso/');
    await expect(page.locator(`[data-topic-status="${topic.id}"]`)).toContainText('✔ Leído');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportar progreso (.json)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^progreso-foodly-\d{4}-\d{2}-\d{2}\.json$/);
    const file = testInfo.outputPath('progreso.json');
    await download.saveAs(file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'foodly-curso-progreso', progress: { version: 2, read: { [topic.id]: expect.any(String) } } });

    const fresh = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
    const other = await fresh.newPage();
    await other.goto('/repaso/');
    const card = other.locator(`[data-topic-status="${topic.id}"]`);
    await expect(card).toContainText('Sin leer');
    await other.locator('[data-import]').setInputFiles({ name: 'package.json', mimeType: 'application/json', buffer: Buffer.from('{"name":"x"}') });
    await expect(other.getByRole('alert')).toHaveText(
      'No se pudo importar «package.json». El archivo no es una exportación de progreso de este curso (le falta el formato «foodly-curso-progreso»).',
    );
    await other.locator('[data-import]').setInputFiles(file);
    await expect(other.locator('[data-data-status]')).toContainText('Progreso importado y combinado con el de este navegador: 1 temas leídos');
    await expect(other.getByRole('alert')).toBeEmpty();
    await expect(card).toContainText('✔ Leído');
    await other.reload();
    await expect(other.locator(`[data-topic-status="${topic.id}"]`)).toContainText('✔ Leído');
    await fresh.close();
  });

  test('clearing progress asks for confirmation', async ({ page }) => {
    await page.addInitScript(
      ([key, id]) => {
        if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem(key, JSON.stringify({ version: 2, read: { [id]: '2026-12-01T10:00:00.000Z' }, quizzes: {}, labs: {} }));
          sessionStorage.setItem('seeded', '1');
        }
      },
      [STORAGE_KEY, topic.id] as const,
    );
    await page.goto('/repaso/');
    const card = page.locator(`[data-topic-status="${topic.id}"]`);
    await expect(card).toContainText('✔ Leído');
    await page.getByRole('button', { name: 'Borrar mi progreso' }).click();
    const dialog = page.getByRole('dialog', { name: '¿Borrar todo tu progreso?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await expect(dialog).toBeHidden();
    await expect(card).toContainText('✔ Leído');
    await page.getByRole('button', { name: 'Borrar mi progreso' }).click();
    await dialog.getByRole('button', { name: 'Sí, borrar' }).click();
    await expect(page.locator('[data-data-status]')).toHaveText('Se ha borrado tu progreso de este navegador.');
    await expect(card).toContainText('Sin leer');
    await page.reload();
    await expect(page.locator(`[data-topic-status="${topic.id}"]`)).toContainText('Sin leer');
  });

  test('damaged stored progress is reset with a visible notice and the page keeps working', async ({ page }) => {
    await page.addInitScript((key) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(key, '{"version":2,"read":');
        sessionStorage.setItem('seeded', '1');
      }
    }, STORAGE_KEY);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/repaso/');
    await expect(page.getByRole('alert').filter({ hasText: 'dañado' })).toContainText('se ha reiniciado');
    await page.getByRole('button', { name: 'Entendido' }).click();
    await expect(page.locator('.progress-notice')).toHaveCount(0);
    expect(await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!), STORAGE_KEY)).toEqual({ version: 2, read: {}, quizzes: {}, labs: {} });
    await page.reload();
    await expect(page.locator('.progress-notice')).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('lab check results from the sandbox (lab:checks) show on /repaso/', async ({ page }) => {
    const lab = withLab.labs[0]!;
    await page.goto(`/temas/${withLab.slug}/`);
    await expect(page.locator('[data-read-marker]')).toBeVisible();
    await page.evaluate((id) => {
      const fire = (passed: boolean, ok: boolean) =>
        document.dispatchEvent(new CustomEvent('lab:checks', { detail: { lab: id, passed, results: [{ name: 'GET /health responde 200', ok }] } }));
      fire(false, false);
    }, lab);
    await page.goto('/repaso/');
    const card = page.locator(`[data-topic-status="${withLab.id}"]`);
    await expect(card).toContainText('no pasó: GET /health responde 200');
    await expect(card.locator(`a[href="/temas/${withLab.slug}/#lab-${lab}"]`)).toBeVisible();
    await page.goto(`/temas/${withLab.slug}/`);
    await page.evaluate((id) => {
      document.dispatchEvent(new CustomEvent('lab:checks', { detail: { lab: id, passed: true, results: [{ name: 'GET /health responde 200', ok: true }] } }));
    }, lab);
    await page.goto('/repaso/');
    await expect(page.locator(`[data-topic-status="${withLab.id}"]`)).toContainText(`Laboratorios superados: 1 de ${withLab.labs.length}`);
  });

  test('reaching the end of a lesson marks it read', async ({ page }) => {
    await page.goto(`/temas/${topic.slug}/`);
    const marker = page.locator('[data-read-marker]');
    await expect(marker).toBeVisible();
    await expect(marker.getByRole('button')).toHaveText('Marcar como leído');
    await marker.scrollIntoViewIfNeeded();
    await expect(marker.getByRole('status')).toHaveText('✔ Has llegado al final: tema marcado como leído.');
    await expect(marker.getByRole('button')).toHaveText('Marcar como no leído');
  });

  test('repaso rápido: none studied says so and offers topic 1; then 10 questions with a final score', async ({ page }) => {
    await page.goto('/repaso/');
    const quick = page.locator('#repaso-rapido');
    await quick.getByRole('button', { name: 'Empezar un repaso rápido' }).click();
    await expect(quick.getByRole('status')).toContainText('Todavía no has estudiado ningún tema con cuestionario');
    await expect(quick.getByRole('link', { name: /^Tema 1:/ })).toHaveAttribute('href', /^\/temas\/[a-z0-9-]+\/$/);

    await page.evaluate(
      ([key, ids]) => localStorage.setItem(key, JSON.stringify({ version: 2, read: Object.fromEntries(ids.map((id) => [id, '2026-12-01'])), quizzes: {}, labs: {} })),
      [STORAGE_KEY, topics.map((t) => t.id)] as const,
    );
    await quick.getByRole('button', { name: 'Empezar un repaso rápido' }).click();
    const pool = topics.reduce((sum, t) => sum + t.questions.length, 0);
    const expected = Math.min(10, pool);
    const items = quick.locator('.quiz-question');
    await expect(items).toHaveCount(expected);
    await expect(quick.locator('[data-quick-status]')).toContainText(`${expected} preguntas de ${topics.length}`);
    for (let i = 0; i < expected; i++) {
      const item = items.nth(i);
      if ((await item.getAttribute('data-type')) !== 'order') await item.locator('input').first().check();
      await item.getByRole('button', { name: 'Comprobar' }).click();
      await expect(item.locator('.quiz-feedback')).toContainText(/¡Correcto!|No es correcto/);
    }
    await expect(quick.locator('[data-quick-status]')).toHaveText(new RegExp(`^Repaso terminado: has acertado \\d+ de ${expected} \\(\\d+ %\\)\\.$`));
    await quick.getByRole('button', { name: 'Hacer otro repaso rápido' }).click();
    await expect(items).toHaveCount(expected);
    await expect(items.first().locator('.quiz-feedback')).toBeEmpty();
  });
});

test('the glossary filters as you type and says how many terms match', async ({ page }) => {
  await page.goto('/repaso/');
  const filter = page.getByLabel('Filtrar términos');
  const entries = page.locator('.glossary-entry');
  const total = await entries.count();
  expect(total).toBeGreaterThanOrEqual(30);
  await expect(page.locator('[data-glossary-count]')).toHaveText(`${total} términos.`);
  await filter.fill('IDEMPOTENCIA');
  await expect(page.locator('[data-glossary-count]')).toHaveText('1 término coincide con «IDEMPOTENCIA».');
  await expect(entries.filter({ visible: true })).toHaveCount(1);
  await expect(entries.filter({ visible: true }).locator('dt')).toContainText('Idempotencia');
  await filter.fill('compensacion');
  await expect(entries.filter({ visible: true }).locator('dt')).toContainText('Saga');
  await filter.fill('zzz');
  await expect(page.locator('[data-glossary-count]')).toHaveText('Ningún término coincide con «zzz».');
  await filter.fill('');
  await expect(entries.filter({ visible: true })).toHaveCount(total);
  // Each term links to the lesson that explains it.
  await expect(entries.first().getByRole('link')).toHaveAttribute('href', /^\/temas\/[a-z0-9-]+\/(#.+)?$/);
});

for (const theme of ['light', 'dark'] as const) {
  test.describe(`axe (${theme} theme)`, () => {
    test.use({ colorScheme: theme });
    // axe walks the whole page: slow on a loaded machine.
    test.describe.configure({ timeout: 240_000 });

    test('/repaso/ with progress and a quick review open has no violations', async ({ page }) => {
      await page.addInitScript(
        ([key, id]) =>
          localStorage.setItem(
            key,
            JSON.stringify({
              version: 2,
              read: { [id]: '2026-12-01' },
              quizzes: { [id]: { best: 1, total: 99, last: 1, wrong: [], attempts: 1, at: '2026-12-01' } },
              labs: {},
            }),
          ),
        [STORAGE_KEY, topic.id] as const,
      );
      await page.goto('/repaso/');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await page.getByRole('button', { name: 'Empezar un repaso rápido' }).click();
      const first = page.locator('#repaso-rapido .quiz-question').first();
      await expect(first).toBeVisible();
      if ((await first.getAttribute('data-type')) !== 'order') await first.locator('input').first().check();
      await first.getByRole('button', { name: 'Comprobar' }).click();
      await page.getByLabel('Filtrar términos').fill('sa');
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
    });

    test('an enhanced lesson quiz, answered, has no violations', async ({ page }) => {
      const quiz = await openQuiz(page, topic.slug);
      for (const [index, question] of topic.questions.slice(0, 3).entries()) await answer(page, quiz.locator('.quiz-question').nth(index), question, index !== 1);
      const results = await new AxeBuilder({ page }).include('[data-quiz]').include('[data-read-marker]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
    });
  });
}
