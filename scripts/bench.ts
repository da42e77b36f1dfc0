// npm run bench: builds the site, then measures what each kind of page costs a reader, in
// headless Chromium against dist/ served like a static host:
//   HTML (gzip) · JS loaded before any interaction, external and inline (gzip) · CSS (gzip)
// and checks them against the budgets (15 KiB of JS for pages without a sandbox, 30 KiB for a
// lesson with one). Then runs the sandbox engine benchmark. Figures are printed, not asserted:
// tests check behaviour, this script checks budgets.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from './bench-chromium.ts';
import { distDir, serveDist } from './serve-dist.ts';

const KiB = 1024;
const kib = (bytes: number) => `${(bytes / KiB).toFixed(1)} KiB`;
const PORT = Number(process.env.BENCH_PORT ?? 4390);

interface PageKind {
  kind: string;
  path: string;
  budgetJs: number;
}

function lessonWithSandbox(): string | undefined {
  const dir = join(distDir, 'temas');
  for (const slug of readdirSync(dir)) {
    const html = join(dir, slug, 'index.html');
    if (existsSync(html) && readFileSync(html, 'utf8').includes('data-sandbox=')) return `/temas/${slug}/`;
  }
  return undefined;
}

function pageKinds(): PageKind[] {
  const kinds: PageKind[] = [
    { kind: 'Inicio', path: '/', budgetJs: 15 * KiB },
    { kind: 'Tema sin sandbox', path: '/temas/escalabilidad/', budgetJs: 15 * KiB },
    { kind: 'Sesiones', path: '/sesiones/', budgetJs: 15 * KiB },
    { kind: 'Sesión', path: '/sesiones/1/', budgetJs: 15 * KiB },
    { kind: 'Metodología', path: '/metodologia/', budgetJs: 15 * KiB },
  ];
  const optional: PageKind[] = [
    { kind: 'Repaso', path: '/repaso/', budgetJs: 15 * KiB },
    { kind: 'Diapositivas', path: '/temas/introduccion-microservicios/slides/', budgetJs: 15 * KiB },
  ];
  for (const page of optional) if (existsSync(join(distDir, page.path, 'index.html'))) kinds.push(page);
  const sandbox = lessonWithSandbox();
  if (sandbox) kinds.splice(2, 0, { kind: 'Tema con sandbox', path: sandbox, budgetJs: 30 * KiB });
  return kinds;
}

async function measurePages() {
  const server = await serveDist(distDir, PORT);
  const browser = await launchChromium();
  const rows: Array<{ page: PageKind; html: number; js: number; css: number }> = [];
  try {
    for (const page of pageKinds()) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const tab = await context.newPage();
      const sizes: Array<Promise<{ type: string; gzip: number }>> = [];
      tab.on('response', (response) => {
        const type = response.request().resourceType();
        if (type === 'script' || type === 'stylesheet') {
          sizes.push(response.body().then((body) => ({ type, gzip: gzipSync(body).length }), () => ({ type, gzip: 0 })));
        }
      });
      const response = await tab.goto(`http://127.0.0.1:${PORT}${page.path}`, { waitUntil: 'networkidle' });
      // Idle time after load: anything loaded now was loaded without the reader doing anything.
      await tab.waitForTimeout(500);
      const body = await response?.body();
      const html = body ? gzipSync(body).length : 0;
      const loaded = await Promise.all(sizes);
      const sum = (type: string) => loaded.filter((item) => item.type === type).reduce((total, item) => total + item.gzip, 0);
      // Astro inlines small scripts into the HTML: they are JS the reader pays for too.
      const inline = await tab.evaluate(() =>
        [...document.querySelectorAll('script:not([src])')]
          .filter((script) => !['application/json', 'application/ld+json', 'importmap'].includes((script as HTMLScriptElement).type))
          .map((script) => script.textContent ?? '')
          .join('\n'),
      );
      const inlineGzip = inline.trim() ? gzipSync(inline).length : 0;
      rows.push({ page, html, js: sum('script') + inlineGzip, css: sum('stylesheet') });
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return rows;
}

if (!process.argv.includes('--no-build')) execSync('npm run build', { stdio: 'inherit' });

const rows = await measurePages();
console.log('\nCoste de cada tipo de página (Chromium sin interacción; gzip)');
console.log(`${'página'.padEnd(20)}${'HTML'.padStart(11)}${'JS inicial'.padStart(13)}${'CSS'.padStart(11)}  presupuesto JS`);
let over = 0;
for (const { page, html, js, css } of rows) {
  const ok = js <= page.budgetJs;
  if (!ok) over++;
  console.log(`${page.kind.padEnd(20)}${kib(html).padStart(11)}${kib(js).padStart(13)}${kib(css).padStart(11)}  ${ok ? '✓' : '✗'} ≤ ${kib(page.budgetJs)}  ${page.path}`);
}

try {
  const { benchSandboxEngine } = await import('./sandbox-bench.ts');
  const result = await benchSandboxEngine({ port: PORT + 1 });
  console.log('\nSandbox (motor del navegador)');
  console.log(`  Ejecutar → primer 200, en frío, al despertar el sandbox:  ${result.coldFirst200Ms} ms (objetivo < 500 ms)`);
  console.log(`  Ejecutar → primer 200, en frío, 1,5 s después:           ${result.coldAfterWakeMs} ms`);
  console.log(`  Reiniciar → primer 200, en caliente:                     ${result.warmFirst200Ms} ms`);
  console.log(`  una petición entre servicios:                            ${result.requestMs} ms`);
  const { benchSandboxEngineIn } = await import('./sandbox-bench.ts');
  for (const [browser, label] of [['firefox', 'Firefox ESR'], ['webkit', 'WebKitGTK (Safari)']] as const) {
    const ms = await benchSandboxEngineIn(browser, { port: PORT + 3 });
    console.log(`  lo mismo en ${label.padEnd(19)} (al despertar):   ${ms === undefined ? 'sin medir (navegador no instalado)' : `${ms} ms`}`);
  }
  console.log(`  carga al arrancar: ${result.loadedOnStart.files} archivos, ${kib(result.loadedOnStart.gzipBytes)} (motor ${kib(result.loadedOnStart.engineGzip)}, dependencias ${kib(result.loadedOnStart.vendorGzip)})`);
} catch (error) {
  console.log(`\nSandbox: no medido (${(error as Error).message})`);
}

try {
  const { benchSandboxUi } = await import('./sandbox-ui-bench.ts');
  const ui = await benchSandboxUi({ port: PORT + 2, runs: 1 });
  console.log('\nSandbox (interfaz, con Monaco)');
  console.log(`  JS antes de llegar al sandbox:  ${kib(ui.upfront.jsGzip)} (presupuesto 30 KiB), CSS ${kib(ui.upfront.cssGzip)}`);
  console.log(`  al despertar el sandbox: JS ${kib(ui.onWake.jsGzip)}, CSS ${kib(ui.onWake.cssGzip)}, otros ${kib(ui.onWake.otherGzip)}`);
  console.log(`  pulsar Ejecutar → primer 200 desde la interfaz: ${ui.coldRunToFirst200Ms} ms en frío (objetivo ≤ 600 ms), ${ui.warmRunToFirst200Ms} ms en caliente`);
  console.log(`  laboratorio de dos servicios, Ejecutar → ambos en marcha: ${ui.twoServicesRunningMs} ms en frío (objetivo ≤ 1000 ms)`);
  console.log(`  worker de TypeScript de Monaco antes de enfocar el editor: ${ui.tsWorkerBeforeFocus ? 'sí (objetivo: no)' : 'no'}`);
} catch (error) {
  console.log(`\nSandbox (interfaz): no medido (${(error as Error).message})`);
}

try {
  const { benchTestsTab } = await import('./tests-bench.ts');
  const tests = await benchTestsTab({ port: PORT + 6 });
  console.log('\nPestaña Tests (motor del navegador)');
  console.log(`  Tests tab: run lab 8's tests (browser engine), ${tests.tests} tests: ${tests.firstRunMs} ms la primera vez (carga el ejecutor), ${tests.secondRunMs} ms después`);
  console.log(`  carga al ejecutar por primera vez: ${tests.loaded.files} archivos JS, ${kib(tests.loaded.gzipBytes)} (nada antes de usar la pestaña)`);
} catch (error) {
  console.log(`\nPestaña Tests: no medido (${(error as Error).message})`);
}

try {
  const { slidesJsSize, SLIDES_JS_BUDGET_BYTES } = await import('../src/slides/measure.ts');
  const slides = slidesJsSize(distDir);
  console.log(`\nDiapositivas: JS propio ${kib(slides.gzipBytes)} (presupuesto ${kib(SLIDES_JS_BUDGET_BYTES)})`);
} catch (error) {
  console.log(`\nDiapositivas: no medido (${(error as Error).message})`);
}

try {
  const { benchBrokers } = await import('./broker-bench.ts');
  const brokers = await benchBrokers();
  console.log('\nRabbitMQ emulado (dos workers, MessagePort)');
  console.log(`  publicar → consumir: p50 ${brokers.latencyP50Ms.toFixed(2)} ms (presupuesto ≤ 5 ms), p95 ${brokers.latencyP95Ms.toFixed(2)} ms`);
  console.log(`  caudal: ${Math.round(brokers.throughputPerSecond)} mensajes/s (presupuesto ≥ 5000)`);
} catch (error) {
  console.log(`\nRabbitMQ emulado: no medido (${(error as Error).message})`);
}

try {
  const { benchInfrastructure, printInfraBench } = await import('./infra-bench.ts');
  printInfraBench(await benchInfrastructure());
} catch (error) {
  console.log(`\nInfraestructura emulada: no medido (${(error as Error).message})`);
}

try {
  const { benchInfraEngine, printInfraEngineBench } = await import('./infra-engine-bench.ts');
  printInfraEngineBench(await benchInfraEngine({ port: PORT + 5 }));
} catch (error) {
  console.log(`\nInfraestructura en el motor del navegador: no medido (${(error as Error).message})`);
}

try {
  const { benchWebSockets, printWebSocketBench } = await import('./websocket-bench.ts');
  printWebSocketBench(await benchWebSockets({ port: PORT + 6 }));
} catch (error) {
  console.log(`\nWebSockets en el motor del navegador: no medido (${(error as Error).message})`);
}

console.log(over === 0 ? '\nTodas las páginas dentro de presupuesto.' : `\n${over} página(s) por encima del presupuesto.`);
