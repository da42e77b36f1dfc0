import { chromium } from '@playwright/test';
import { serveDist } from './serve-dist.ts';
const server = await serveDist('dist', 4408);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const lab = process.argv[2] ?? 'lab-11-resiliencia';
for (const [w, hgt] of [[1280, 800], [360, 740]]) {
  const page = await browser.newPage({ viewport: { width: w, height: hgt } });
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(`http://127.0.0.1:4408/dev/sandbox-ui/${lab}/#lab=${lab}`);
  await page.locator('.sbx-root[data-lab-mode]').waitFor({ timeout: 30000 });
  await page.locator('.sbx-root[data-editor-ready]').waitFor({ timeout: 60000 });
  await page.getByRole('button', { name: 'Ejecutar todos los servicios' }).click();
  await page.waitForTimeout(2500);
  await page.locator('.sbx-http-form').getByRole('button', { name: 'Enviar' }).click().catch((e) => console.log('send', e.message));
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/labmode-${w}.png` });
  await page.close();
}
await browser.close();
server.close();
