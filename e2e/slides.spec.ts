// Slides mode: the fixture deck (src/slides/fixtures/deck-fixture.mdx, served at /dev/diapositivas/)
// for every construct, plus the real topics' decks, presenter views and links.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SLIDES_JS_BUDGET_BYTES, slidesJsSize } from '../src/slides/measure.ts';

// Decks load mermaid and axe is heavy: allow for a busy machine.
test.describe.configure({ timeout: 90_000 });

const DECK = '/dev/diapositivas/';
const PRESENTER = '/dev/presentador/';
const TOTAL = 9;

const activeSlide = (page: Page) => page.locator('[data-frame][data-active] [data-slide]');
const hash = (page: Page) => page.evaluate(() => location.hash);

async function openDeck(page: Page, at = '') {
  await page.goto(`${DECK}${at}`);
  await expect(page.locator('[data-deck]')).toHaveAttribute('data-ready', 'true');
}

test.describe('audience deck', () => {
  test('keyboard navigation moves through slides and steps, and the hash follows', async ({ page }) => {
    await openDeck(page);
    expect(await hash(page)).toBe('#1.0');
    await expect(activeSlide(page)).toHaveAttribute('aria-label', `Diapositiva 1 de ${TOTAL}: Diapositivas de prueba`);
    await page.keyboard.press('ArrowRight');
    expect(await hash(page)).toBe('#2.0');
    await page.keyboard.press(' ');
    expect(await hash(page)).toBe('#3.0');
    await page.keyboard.press('PageDown');
    expect(await hash(page)).toBe('#4.0');
    await page.keyboard.press('ArrowRight');
    expect(await hash(page)).toBe('#4.1');
    await page.keyboard.press('PageUp');
    await page.keyboard.press('ArrowLeft');
    expect(await hash(page)).toBe('#3.0');
    await page.keyboard.press('End');
    expect(await hash(page)).toBe(`#${TOTAL}.0`);
    await page.keyboard.press('Home');
    expect(await hash(page)).toBe('#1.0');
    await page.keyboard.press('5');
    await expect(page.locator('[data-jump]')).toHaveText('Ir a la diapositiva 5…');
    await page.keyboard.press('Enter');
    expect(await hash(page)).toBe('#5.0');
    await expect(activeSlide(page)).toHaveAttribute('aria-label', /^Diapositiva 5 de 9: Código y diagrama$/);
    // Previous from a slide with steps lands on the last step of the slide before.
    await page.keyboard.press('ArrowLeft');
    expect(await hash(page)).toBe('#4.2');
  });

  test('a reload keeps the place; inactive slides are inert; focus and live region follow', async ({ page }) => {
    await openDeck(page, '#6.1');
    await expect(activeSlide(page)).toHaveAttribute('aria-label', /Diapositiva 6 de 9/);
    await page.keyboard.press('ArrowRight');
    expect(await hash(page)).toBe('#6.2');
    await page.reload();
    await expect(page.locator('[data-deck]')).toHaveAttribute('data-ready', 'true');
    expect(await hash(page)).toBe('#6.2');
    await expect(activeSlide(page)).toBeVisible();
    await expect(page.locator('[data-slide]:not([inert])')).toHaveCount(1);
    await expect(page.locator('[data-slide][inert]')).toHaveCount(TOTAL - 1);
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('[data-live]')).toHaveText('Diapositiva 7 de 9: Un editor dentro de la diapositiva');
    await expect(page.locator(':focus')).toHaveText('Un editor dentro de la diapositiva');
    await expect(page.locator(':focus')).toHaveJSProperty('tagName', 'H2');
  });

  test('a heading id in the hash opens the slide that holds it', async ({ page }) => {
    await openDeck(page, '#pasos-uno-a-uno');
    expect(await hash(page)).toBe('#4.0');
  });

  test('<Paso> reveals content click by click, lists item by item', async ({ page }) => {
    await openDeck(page, '#4.0');
    const first = page.getByText('Primer paso revelado.');
    const second = page.getByText('Segundo paso revelado.');
    await expect(page.getByText('Esta línea se ve siempre.')).toBeVisible();
    await expect(first).toBeHidden();
    await expect(second).toBeHidden();
    await page.keyboard.press('ArrowRight');
    await expect(first).toBeVisible();
    await expect(second).toBeHidden();
    await page.keyboard.press('ArrowRight');
    await expect(second).toBeVisible();
    await page.keyboard.press('ArrowRight');
    expect(await hash(page)).toBe('#5.0');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByText('Elemento A')).toBeHidden();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByText('Elemento A')).toBeVisible();
    await expect(page.getByText('Elemento B')).toBeHidden();
  });

  test('notes never show on the audience slides', async ({ page }) => {
    await openDeck(page, '#4.0');
    await expect(page.getByText('qué servicio')).toBeHidden();
    await expect(page.locator('[data-slide] [data-notas]')).toHaveCount(0);
  });

  test('keys typed in an input belong to the input, not to the deck', async ({ page }) => {
    await openDeck(page, '#7.0');
    const field = page.getByLabel('Campo de prueba');
    await field.click();
    await page.keyboard.type('obf?1');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Home');
    await expect(field).toHaveValue('obf?1');
    expect(await hash(page)).toBe('#7.0');
    await expect(page.locator('[data-deck]')).not.toHaveClass(/is-overview/);
    await expect(page.locator('[data-help]')).toBeHidden();
  });

  test('overview grid: o opens it, arrows move, Enter opens a slide, Escape closes', async ({ page }) => {
    await openDeck(page, '#3.0');
    await page.keyboard.press('o');
    const picks = page.locator('[data-pick]');
    await expect(picks).toHaveCount(TOTAL);
    for (const pick of await picks.all()) await expect(pick).toBeVisible();
    await expect(page.locator('[data-pick][aria-current]')).toHaveAttribute('data-pick', '3');
    await expect(page.locator(':focus')).toHaveAttribute('data-pick', '3');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.locator(':focus')).toHaveAttribute('data-pick', '5');
    await page.keyboard.press('Enter');
    expect(await hash(page)).toBe('#5.0');
    await expect(picks.first()).toBeHidden();
    await expect(page.locator('[data-slide]:not([inert])')).toHaveCount(1);
    await page.keyboard.press('o');
    await expect(picks.first()).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(picks.first()).toBeHidden();
    await page.getByRole('button', { name: 'Vista general' }).click();
    await page.getByRole('button', { name: '2. Objetivos de aprendizaje' }).click();
    expect(await hash(page)).toBe('#2.0');
  });

  test('help dialog, blackout and the on-screen controls', async ({ page }) => {
    await openDeck(page);
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Atajos de teclado' });
    await expect(help).toBeVisible();
    await page.keyboard.press('ArrowRight');
    expect(await hash(page)).toBe('#1.0');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    await page.keyboard.press('b');
    await expect(page.locator('[data-blackout-screen]')).toBeVisible();
    await page.keyboard.press('b');
    await expect(page.locator('[data-blackout-screen]')).toBeHidden();
    await page.getByRole('button', { name: /Siguiente/ }).click();
    expect(await hash(page)).toBe('#2.0');
    await expect(page.locator('[data-counter]')).toHaveText(`2 / ${TOTAL}`);
  });

  test('slides scale to the window and keep 16:9', async ({ page }) => {
    for (const size of [{ width: 1920, height: 1080 }, { width: 800, height: 700 }]) {
      await page.setViewportSize(size);
      await openDeck(page, '#2.0');
      const box = (await activeSlide(page).boundingBox())!;
      expect(Math.abs(box.width / box.height - 16 / 9)).toBeLessThan(0.01);
      expect(box.width).toBeLessThanOrEqual(size.width + 1);
      expect(box.width).toBeGreaterThan(size.width * 0.9);
    }
  });

  test('a section too tall for a slide is zoomed out, then scrolls with ↓ before moving on', async ({ page }) => {
    await openDeck(page, '#8.0');
    const box = page.locator('[data-frame][data-active] [data-slide-box]');
    await expect(page.locator('[data-frame][data-active] [data-slide-content]')).toHaveAttribute('data-zoom', '0.60');
    await expect(box).toHaveAttribute('tabindex', '0');
    await expect(page.locator('[data-frame]').nth(1).locator('[data-slide-box]')).not.toHaveAttribute('tabindex', /./);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => box.evaluate((element) => element.scrollTop)).toBeGreaterThan(100);
    expect(await hash(page)).toBe('#8.0');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowUp');
    expect(await hash(page)).not.toBe('#8.0');
  });

  test('a sandbox slide fills the window unscaled, and its controls keep their keys', async ({ page }) => {
    await openDeck(page, `#${TOTAL}.0`);
    const frame = page.locator('[data-frame][data-active]');
    await expect(frame).toHaveAttribute('data-native', '');
    await expect(frame.locator('[data-sandbox]')).toBeVisible();
    const box = (await frame.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.width).toBe(viewport.width);
    await frame.locator('[data-sandbox] summary').first().focus();
    await page.keyboard.press(' ');
    expect(await hash(page)).toBe(`#${TOTAL}.0`);
    await page.keyboard.press('ArrowLeft');
    await expect(page.locator('[data-frame][data-active]')).not.toHaveAttribute('data-native', /.*/);
  });

  test('a mermaid diagram renders when its slide is shown', async ({ page }) => {
    await openDeck(page, '#5.0');
    const figure = page.locator('[data-frame][data-active] [data-mermaid]');
    await expect(figure).toHaveAttribute('data-rendered', 'true', { timeout: 15_000 });
    const svg = (await figure.locator('.theme-light svg, .theme-dark svg').filter({ visible: true }).first().boundingBox())!;
    expect(svg.width).toBeGreaterThan(400);
  });

  test('p opens the presenter view at the current place', async ({ page }) => {
    await openDeck(page, '#4.1');
    const popup = page.waitForEvent('popup');
    await page.keyboard.press('p');
    const presenter = await popup;
    await presenter.waitForLoadState();
    expect(new URL(presenter.url()).pathname).toBe(PRESENTER);
    expect(new URL(presenter.url()).hash).toBe('#4.1');
  });
});

test.describe('print', () => {
  test('printing gives every slide, every step, no controls, no notes', async ({ page }) => {
    await openDeck(page, '#4.0');
    await page.emulateMedia({ media: 'print' });
    const frames = page.locator('[data-frame]');
    await expect(frames).toHaveCount(TOTAL);
    for (const frame of await frames.all()) await expect(frame).toBeVisible();
    await expect(page.getByText('Primer paso revelado.')).toBeVisible();
    await expect(page.getByText('Elemento B')).toBeVisible();
    await expect(page.locator('[data-controls]')).toBeHidden();
    await expect(page.locator('.slide-notes').first()).toBeHidden();
    // One slide per 13.333in × 7.5in page: frames are 1280×720 CSS px, stacked.
    const boxes = await Promise.all((await frames.all()).slice(0, 2).map((frame) => frame.boundingBox()));
    expect(boxes[0]!.width).toBe(1280);
    expect(boxes[0]!.height).toBe(720);
    expect(boxes[1]!.y).toBeGreaterThanOrEqual(boxes[0]!.y + 720);
    const breaks = await frames.nth(1).evaluate((element) => getComputedStyle(element).breakBefore);
    expect(breaks).toBe('page');
  });

  test('?notas=1 (or the checkbox) prints the notes under each slide', async ({ page }) => {
    await openDeck(page, '?notas=1#1.0');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByText('Pregunta a la sala')).toBeVisible();
    await page.emulateMedia({ media: 'screen' });
    await page.keyboard.press('?');
    const checkbox = page.getByLabel('Incluir las notas del instructor al imprimir');
    await expect(checkbox).toBeChecked();
    await checkbox.uncheck();
    await page.keyboard.press('Escape');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByText('Pregunta a la sala')).toBeHidden();
  });
});

test.describe('presenter view', () => {
  test('drives the audience window over BroadcastChannel and shows notes, next slide and counter', async ({ context }) => {
    const audience = await context.newPage();
    await openDeck(audience);
    const presenter = await context.newPage();
    await presenter.goto(`${PRESENTER}#1.0`);
    await expect(presenter.locator('[data-presenter]')).toHaveAttribute('data-ready', 'true');
    await expect(presenter.locator('[data-counter]')).toHaveText(`Diapositiva 1 de ${TOTAL}`);
    await presenter.keyboard.press('ArrowRight');
    await presenter.keyboard.press('ArrowRight');
    await presenter.keyboard.press('ArrowRight');
    await expect(audience.locator('[data-frame][data-active] [data-slide]')).toHaveAttribute('aria-label', /Diapositiva 4 de 9/);
    expect(await hash(audience)).toBe('#4.0');
    await expect(presenter.locator('[data-counter]')).toHaveText(`Diapositiva 4 de ${TOTAL} · paso 0 de 2`);
    await expect(presenter.locator('[data-current-title]')).toHaveText('Pasos uno a uno');
    await expect(presenter.locator('[data-next-title]')).toHaveText('Pasos uno a uno (paso 1)');
    await expect(presenter.getByText('qué servicio')).toBeVisible();
    // The preview frames show the current place and the next step.
    const currentFrame = presenter.frameLocator('[data-current-frame]');
    await expect(currentFrame.locator('[data-frame][data-active] [data-slide]')).toHaveAttribute('aria-label', /Diapositiva 4 de 9/);
    await expect.poll(() => presenter.locator('[data-next-frame]').evaluate((frame: HTMLIFrameElement) => frame.contentWindow!.location.hash)).toBe('#4.1');
    // Steps and blackout reach the audience too.
    await presenter.keyboard.press('ArrowRight');
    await expect(audience.getByText('Primer paso revelado.')).toBeVisible();
    expect(await hash(audience)).toBe('#4.1');
    await presenter.keyboard.press('b');
    await expect(audience.locator('[data-blackout-screen]')).toBeVisible();
    await presenter.keyboard.press('b');
    await expect(audience.locator('[data-blackout-screen]')).toBeHidden();
    // Jump by number, and the end of the deck.
    await presenter.keyboard.press('9');
    await presenter.keyboard.press('Enter');
    await expect(audience.locator('[data-frame][data-active] [data-slide]')).toHaveAttribute('aria-label', /Diapositiva 9 de 9/);
    await expect(presenter.locator('[data-end]')).toBeVisible();
    await expect(presenter.locator('[data-notes-for]:not([hidden])')).toHaveText('Esta diapositiva no tiene notas.');
  });

  test('the audience only listens: moving it does not move the presenter', async ({ context }) => {
    const presenter = await context.newPage();
    await presenter.goto(`${PRESENTER}#2.0`);
    await expect(presenter.locator('[data-presenter]')).toHaveAttribute('data-ready', 'true');
    const audience = await context.newPage();
    await openDeck(audience, '#2.0');
    await audience.keyboard.press('ArrowRight');
    expect(await hash(audience)).toBe('#3.0');
    await audience.waitForTimeout(300);
    expect(await hash(presenter)).toBe('#2.0');
  });

  test('the timer counts against the planned minutes, pauses, and survives a reload', async ({ page }) => {
    const opened = new Date('2025-06-04T08:50:00').getTime();
    await page.clock.install({ time: opened });
    await page.clock.pauseAt(opened + 1_000);
    await page.goto(`${PRESENTER}#1.0`);
    await expect(page.locator('[data-presenter]')).toHaveAttribute('data-ready', 'true');
    const elapsed = page.locator('[data-elapsed]');
    await expect(page.getByText('Previsto 30 min')).toBeVisible();
    await expect(elapsed).toHaveText('00:00');
    await page.clock.runFor(61_000);
    await expect(elapsed).toHaveText('01:01');
    await expect(page.locator('[data-remaining]')).toHaveText('28:59');
    await page.getByRole('button', { name: 'Pausar' }).click();
    await page.clock.runFor(60_000);
    await expect(elapsed).toHaveText('01:01');
    await page.getByRole('button', { name: 'Reanudar' }).click();
    await page.clock.runFor(2_000);
    await expect(elapsed).toHaveText('01:03');
    await page.reload();
    await expect(page.locator('[data-presenter]')).toHaveAttribute('data-ready', 'true');
    await expect(elapsed).not.toHaveText('00:00');
    await page.clock.runFor(29 * 60_000);
    await expect(page.locator('[data-remaining-label]')).toHaveText('Te pasas');
    await expect(page.locator('[data-remaining-box]')).toHaveAttribute('data-state', 'late');
    await page.getByRole('button', { name: 'Reiniciar' }).click();
    await expect(elapsed).toHaveText('00:00');
  });
});

test.describe('real topics', () => {
  test('every topic page links to its slides, and the deck opens with the title and objectives', async ({ page }) => {
    await page.goto('/temas/introduccion-microservicios/');
    await page.getByRole('link', { name: 'Presentar como diapositivas' }).click();
    await expect(page).toHaveURL(/\/temas\/introduccion-microservicios\/slides\/#1\.0$/);
    await expect(page.locator('[data-deck]')).toHaveAttribute('data-ready', 'true');
    await expect(activeSlide(page).getByRole('heading', { level: 2 })).toHaveText('Introducción a la arquitectura de microservicios');
    await page.keyboard.press('ArrowRight');
    await expect(activeSlide(page).getByRole('heading', { name: 'Objetivos de aprendizaje' })).toBeVisible();
    const total = await page.locator('[data-frame]').count();
    expect(total).toBeGreaterThanOrEqual(3);
  });

  test('on the reading page, notes stay out of the learner’s flow until “Notas del instructor” is on (remembered)', async ({ page }) => {
    await page.goto('/temas/introduccion-microservicios/');
    const notes = page.locator('details[data-notas]');
    // Lesson 1 has instructor notes: missing ones fail here (never a skip that goes green).
    expect(await notes.count()).toBeGreaterThan(0);
    await expect(notes.first()).toBeHidden();
    const toggle = page.getByRole('button', { name: 'Notas del instructor' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(notes.first()).toBeVisible();
    await page.reload();
    await expect(notes.first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Notas del instructor' })).toHaveAttribute('aria-pressed', 'true');
    await expect(notes.first()).not.toHaveAttribute('open', /.*/);
    await expect(notes.first().locator('summary')).toHaveText('Notas del instructor');
    await expect(notes.first().locator('[data-notas-body]')).toBeHidden();
    await notes.first().locator('summary').click();
    await expect(notes.first().locator('[data-notas-body]')).toBeVisible();
    await page.getByRole('button', { name: 'Notas del instructor' }).click();
    await expect(notes.first()).toBeHidden();
  });

  test('session timetable rows link to the topic’s slides', async ({ page }) => {
    await page.goto('/sesiones/1/');
    const link = page.getByRole('link', { name: 'Diapositivas del tema 1' }).first();
    await expect(link).toHaveAttribute('href', '/temas/introduccion-microservicios/slides/');
  });

  test('the presenter view plans the minutes sesiones.yaml gives the topic', async ({ page }) => {
    // Session 1 gives topic 1 40 + 30 + 15 minutes.
    await page.goto('/temas/introduccion-microservicios/presentador/');
    await expect(page.locator('[data-presenter]')).toHaveAttribute('data-planned', '85');
    await expect(page.getByText('Previsto 1 h 25 min')).toBeVisible();
  });
});

for (const theme of ['light', 'dark'] as const) {
  test.describe(`axe on slides (${theme})`, () => {
    test.use({ colorScheme: theme });
    for (const path of [`${DECK}#1.0`, `${DECK}#5.0`, `${DECK}#7.0`, `${DECK}#8.0`, '/temas/introduccion-microservicios/slides/#2.0']) {
      test(`${path} has no violations`, async ({ page }) => {
        await page.goto(path);
        await expect(page.locator('[data-deck]')).toHaveAttribute('data-ready', 'true');
        for (const figure of await page.locator('[data-frame][data-active] [data-mermaid]').all()) {
          await expect(figure).toHaveAttribute('data-rendered', 'true', { timeout: 15_000 });
        }
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
      });
    }
    test('the presenter view (notes, next slide, timer) has no violations', async ({ page }) => {
      for (const path of [`${PRESENTER}#2.0`, '/temas/introduccion-microservicios/presentador/#3.0']) {
        await page.goto(path);
        await expect(page.locator('[data-presenter]')).toHaveAttribute('data-ready', 'true');
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
        expect(results.violations.map((v) => `${path} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
      }
    });
    test('overview and help dialog have no violations', async ({ page }) => {
      await page.goto(`${DECK}#3.0`);
      await expect(page.locator('[data-deck]')).toHaveAttribute('data-ready', 'true');
      await page.keyboard.press('o');
      let results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'best-practice']).analyze();
      expect(results.violations.map((v) => v.id)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.keyboard.press('?');
      results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'best-practice']).analyze();
      expect(results.violations.map((v) => v.id)).toEqual([]);
    });
  });
}

test('the slides’ own JavaScript stays under 10 KiB gzipped', () => {
  const size = slidesJsSize(process.env.SLIDES_DIST ?? 'dist');
  console.log(`slides JS: ${(size.gzipBytes / 1024).toFixed(1)} KiB gzipped (${size.files.join(', ')})`);
  expect(size.files.some((file) => file.startsWith('Deck.astro'))).toBe(true);
  expect(size.files.some((file) => file.startsWith('Presenter.astro'))).toBe(true);
  expect(size.gzipBytes).toBeLessThan(SLIDES_JS_BUDGET_BYTES);
});
