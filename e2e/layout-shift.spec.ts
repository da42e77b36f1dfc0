// Cumulative Layout Shift, as Lighthouse's mobile run sees it: a phone-sized viewport, the page
// loaded until its scripts settled, every layout-shift entry without recent input summed up.
// The budget is 0.02 per page (Google's "good" is 0.1): parts that need JavaScript must take their
// place from the first paint ([data-needs-js], build-rendered status on /repaso/).
import { expect, test, type Page } from '@playwright/test';

const PAGES = ['/', '/temas/', '/temas/introduccion-microservicios/', '/temas/cqrs/', '/repaso/', '/sesiones/', '/sesiones/2/', '/metodologia/'];
const BUDGET = 0.02;

test.use({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

async function layoutShift(page: Page): Promise<{ value: number; sources: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ value: number; sources: string[] }>((resolve) => {
        let value = 0;
        const sources: string[] = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: Array<{ node?: Node }> }>) {
            if (entry.hadRecentInput) continue;
            value += entry.value;
            for (const source of entry.sources ?? []) {
              const node = source.node as Element | undefined;
              if (node?.nodeType === 1) sources.push(`${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${node.className && typeof node.className === 'string' ? `.${node.className.split(' ').join('.')}` : ''} (${entry.value.toFixed(3)})`);
            }
          }
        }).observe({ type: 'layout-shift', buffered: true });
        // Two frames after the observer's buffered delivery: every shift so far has been reported.
        requestAnimationFrame(() => requestAnimationFrame(() => resolve({ value, sources })));
      }),
  );
}

for (const path of PAGES) {
  test(`${path}: layout shift ≤ ${BUDGET} on a phone`, async ({ page }) => {
    await page.goto(path, { waitUntil: 'networkidle' });
    // The page's own scripts have run once its fonts are in and the network is quiet.
    await page.evaluate(() => document.fonts.ready);
    const { value, sources } = await layoutShift(page);
    expect(value, `CLS ${value.toFixed(3)} en ${path}: ${sources.join(', ')}`).toBeLessThanOrEqual(BUDGET);
  });
}

test('the measurement sees a real shift (so the budget above can fail)', async ({ page }) => {
  await page.goto('/metodologia/', { waitUntil: 'networkidle' });
  // What an island rendering late above the fold does: push the content down.
  await page.evaluate(() => {
    const late = document.createElement('div');
    late.style.height = '300px';
    document.querySelector('main')!.prepend(late);
  });
  await expect.poll(async () => (await layoutShift(page)).value).toBeGreaterThan(BUDGET);
});

test.describe('a link to a heading just below a sandbox', () => {
  test.use({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false });

  test('keeps the heading where the link put it while the sandbox above wakes and changes height', async ({ page }) => {
    // Lab 23's sandbox ends right above this heading: it wakes (600 px early) and shrinks by ~280 px.
    await page.goto('/temas/persistencia/#si-vienes-de-fastapi');
    const heading = page.locator('#si-vienes-de-fastapi');
    const sandbox = page.locator('[data-sandbox="lab-23-outbox"]');
    await expect(heading).toBeInViewport();
    const before = (await heading.boundingBox())!.y;
    await expect(sandbox).toHaveAttribute('data-sandbox-ready', 'true', { timeout: 30_000 });
    await expect(sandbox.locator('[data-sandbox-static]')).toBeHidden();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(Math.abs((await heading.boundingBox())!.y - before)).toBeLessThan(2);
  });
});
