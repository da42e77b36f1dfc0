import { expect, test, type Page } from '@playwright/test';

/** Presses Tab until the focused element is the link or button with this accessible name. */
async function tabTo(page: Page, name: RegExp, maxSteps = 80) {
  for (let step = 0; step < maxSteps; step++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? (el.getAttribute('aria-label') ?? el.innerText ?? '').trim() : '';
    });
    if (name.test(focused)) return;
  }
  throw new Error(`No se llegó con Tab a ${name}`);
}

test.describe('home', () => {
  test('shows the course, its requirements and the topics grouped by block', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Hono');
    await expect(page.getByText(/Impartido por\s+Iván J\.U\./)).toBeVisible();
    for (const heading of ['Introducción', '¿A quién va dirigido?', 'Objetivos', 'Requisitos', 'Bloques del curso', 'Temario']) {
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    }
    await expect(page.getByText('Node.js 24', { exact: false }).first()).toBeVisible();
    const topicLinks = page.locator('main').getByRole('link', { name: /^Tema \d+:/ });
    await expect(topicLinks).toHaveCount(16);
    for (const block of ['Bloque 1', 'Bloque 2', 'Bloque 3', 'Bloque 4', 'Proyecto final']) {
      await expect(page.locator('main').getByRole('heading', { name: new RegExp(block) }).first()).toBeVisible();
    }
  });

  test('draws the blocks flowchart when it scrolls into view', async ({ page }) => {
    await page.goto('/');
    const figure = page.locator('[data-mermaid]').first();
    await figure.scrollIntoViewIfNeeded();
    await expect(figure).toHaveAttribute('data-rendered', 'true', { timeout: 15_000 });
    await expect(figure.locator('.theme-light svg')).toBeVisible();
    await expect(figure.locator('.theme-light svg')).toContainText('Bloque 2');
  });

  test('diagrams follow the theme, and print in the light variant', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    const figure = page.locator('[data-mermaid]').first();
    await figure.scrollIntoViewIfNeeded();
    await expect(figure).toHaveAttribute('data-rendered', 'true', { timeout: 15_000 });
    await expect(figure.locator('.theme-dark svg')).toBeVisible();
    await expect(figure.locator('.theme-light svg')).toBeHidden();
    await page.getByRole('button', { name: 'Tema oscuro' }).click();
    await expect(figure.locator('.theme-light svg')).toBeVisible();
    await page.getByRole('button', { name: 'Tema oscuro' }).click();
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    await expect(figure.locator('.theme-light svg')).toBeVisible();
    await expect(figure.locator('.theme-dark svg')).toBeHidden();
  });
});

test('every topic page shows its number, block, sessions and key contents, with previous/next links', async ({ page }) => {
  await page.goto('/temas/errores-y-circuit-breakers/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('circuit breakers');
  await expect(page.getByText('Tema 4 ·')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sesión 2' }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Contenidos clave' })).toBeVisible();
  await page.getByRole('link', { name: /Tema siguiente/ }).click();
  await expect(page).toHaveURL(/\/temas\/seguridad\/$/);
  await page.getByRole('link', { name: /Tema anterior/ }).click();
  await expect(page).toHaveURL(/\/temas\/errores-y-circuit-breakers\/$/);
});

test.describe('sessions', () => {
  test('lists the 8 sessions with their dates and a total of 30,0 h', async ({ page }) => {
    await page.goto('/sesiones/');
    const rows = page.getByRole('table').locator('tbody tr');
    await expect(rows).toHaveCount(8);
    await expect(rows.first()).toContainText('4 de junio de 2025');
    await expect(rows.first()).toContainText('Miércoles');
    await expect(rows.first()).toContainText('08:30–11:30');
    await expect(rows.nth(7)).toContainText('17 de junio de 2025');
    await expect(page.getByTestId('total-hours')).toHaveText('30,0 h');
  });

  test('a session shows the seed timetable, objectives and deliverables', async ({ page }) => {
    await page.goto('/sesiones/1/');
    await expect(page.getByRole('heading', { level: 1, name: 'Sesión 1' })).toBeVisible();
    const rows = page.getByRole('table').locator('tbody tr');
    await expect(rows).toHaveCount(6);
    await expect(rows.nth(2)).toContainText('Laboratorio 1');
    await expect(page.getByRole('heading', { name: /Entregables/ })).toBeVisible();
    await expect(page.getByText('Cuaderno de reflexión')).toBeVisible();
  });

  test('offers a valid calendar for the course and one per session', async ({ page, request }) => {
    await page.goto('/sesiones/');
    const link = page.getByRole('link', { name: /Añadir las 8 sesiones al calendario/ });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    const all = await (await request.get('/sesiones/curso.ics')).text();
    expect(all.match(/BEGIN:VEVENT/g)).toHaveLength(8);
    expect(all).toContain('DTSTART;TZID=Europe/Madrid:20250604T083000');
    const one = await request.get('/sesiones/sesion-3.ics');
    expect(one.headers()['content-type']).toContain('text/calendar');
    expect((await one.text()).match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });
});

test('methodology shows the 70-20-10 rule and the per-session plans', async ({ page }) => {
  await page.goto('/metodologia/');
  const rule = page.getByRole('table').first();
  for (const share of ['70%', '20%', '10%']) await expect(rule).toContainText(share);
  await expect(page.getByRole('heading', { name: /Sesión 1/ }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: /Sesión 2/ }).first()).toBeVisible();
});

test.describe('chrome', () => {
  test('the topics menu reaches every topic and closes with Escape', async ({ page }) => {
    await page.goto('/sesiones/');
    const menuButton = page.getByRole('button', { name: 'Temario' });
    await menuButton.click();
    await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
    const panel = page.locator('#menu-temario');
    // 16 topics and the full syllabus; the header's own links join them only on narrow screens.
    await expect(panel.getByRole('link')).toHaveCount(16 + 1);
    await expect(panel.getByRole('link', { name: 'Proyecto final: aplicación completa' }).or(panel.getByRole('link', { name: /Proyecto final/ }))).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(menuButton).toBeFocused();
  });

  test('home reaches a topic, the sessions, a session and methodology by keyboard alone', async ({ page }) => {
    await page.goto('/');
    await tabTo(page, /^Saltar al contenido$/);
    await tabTo(page, /^Temario$/);
    await page.keyboard.press('Enter');
    await tabTo(page, /Comunicación/);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/temas\/comunicacion-sincrona-asincrona\/$/);
    await tabTo(page, /^Sesiones$/);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/sesiones\/$/);
    await page.getByRole('heading', { level: 1 }).click();
    await tabTo(page, /^Sesión 2$/);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/sesiones\/2\/$/);
    await page.keyboard.press('Tab');
    await tabTo(page, /^Metodología$/);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/metodologia\/$/);
  });

  test('the skip link moves focus to the main content', async ({ page }) => {
    await page.goto('/metodologia/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Saltar al contenido' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#contenido$/);
  });

  test('the theme choice is remembered and applied before the first paint', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/');
    const toggle = page.getByRole('button', { name: 'Tema oscuro' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    // Record the theme at the moment <body> is created: that is before anything is painted.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.body) {
          (window as unknown as { themeAtBody: string | undefined }).themeAtBody = document.documentElement.dataset.theme;
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto('/sesiones/');
    expect(await page.evaluate(() => (window as unknown as { themeAtBody: string }).themeAtBody)).toBe('dark');
    await expect(page.getByRole('button', { name: 'Tema oscuro' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('search finds lesson content (Pagefind, in Spanish)', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('/');
    const dialog = page.getByRole('dialog', { name: 'Buscar en el curso' });
    await expect(dialog).toBeVisible();
    const input = dialog.getByRole('searchbox').or(dialog.getByRole('textbox')).first();
    await input.fill('circuit breaker');
    const result = dialog.getByRole('link', { name: /circuit breakers/i }).first();
    await expect(result).toBeVisible({ timeout: 10_000 });
    await result.click();
    await expect(page).toHaveURL(/\/temas\/errores-y-circuit-breakers\//);
  });

  test('unknown addresses get a helpful 404 page', async ({ page }) => {
    const response = await page.goto('/no-existe/');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Página no encontrada');
    await expect(page.getByRole('link', { name: /Introducción a la arquitectura/ })).toBeVisible();
  });

  test('the cross-origin isolation headers are sent', async ({ request }) => {
    const response = await request.get('/');
    expect(response.headers()['cross-origin-opener-policy']).toBe('same-origin');
    expect(response.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  });
});

test.describe('narrow screens (360 px)', () => {
  test.use({ viewport: { width: 360, height: 740 } });
  for (const path of ['/', '/temas/arquitectura-hexagonal/', '/sesiones/', '/sesiones/4/', '/metodologia/']) {
    test(`${path} has no horizontal scroll`, async ({ page }) => {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
});

test('pages without diagrams load no mermaid code', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.goto('/metodologia/');
  await page.waitForLoadState('networkidle');
  expect(scripts.filter((url) => /mermaid/i.test(url))).toEqual([]);
});
