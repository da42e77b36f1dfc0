import { chromium } from '@playwright/test';
import { serveDist } from './serve-dist.ts';
const server = await serveDist('dist', 4408);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
await page.goto(`http://127.0.0.1:4408/dev/sandbox-ui/lab-04-products-orders/#lab=lab-04-products-orders`);
await page.locator('.sbx-root[data-lab-mode]').waitFor({ timeout: 30000 });
for (const pane of ['Pasos', 'Código', 'Resultado']) {
  await page.getByRole('group', { name: 'Panel visible' }).getByRole('button', { name: pane }).click();
  console.log(pane, await page.locator('.sbx-root').evaluate((el) => {
    const limit = el.getBoundingClientRect().right + 1;
    return [el.scrollWidth - el.clientWidth, ...[...el.querySelectorAll<HTMLElement>('*')].filter((c) => c.getClientRects().length > 0 && c.getBoundingClientRect().right > limit).slice(0, 6).map((c) => `${c.tagName}.${c.className} ${Math.round(c.getBoundingClientRect().right)}`)];
  }));
}
await browser.close();
server.close();
