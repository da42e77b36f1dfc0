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

/** Every budget of issues #14, #15 and #19, gathered as the sections run, for the summary table at the end. */
interface Budget {
  issue: string;
  what: string;
  target: string;
  measured: string;
  /** undefined: informative (no budget), or not measured. */
  ok: boolean | undefined;
}
const budgets: Budget[] = [];
const budget = (issue: string, what: string, target: string, measured: string, ok: boolean | undefined) => budgets.push({ issue, what, target, measured, ok });
const ms = (value: number, digits = 0) => `${value.toFixed(digits)} ms`;
/** A section that failed: its budgets show as not measured, with why. */
const notMeasured = (issue: string, what: string[], target: string[], error: unknown) =>
  what.forEach((item, index) => budget(issue, item, target[index]!, `sin medir: ${(error as Error).message.split('\n')[0]!.slice(0, 60)}`, undefined));

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
// Timings depend on who else uses the machine: the load goes with the figures (again at the end).
console.log(`\nCarga de la máquina al empezar a medir (uptime): ${execSync('uptime').toString().trim()}`);

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
  console.log(`  pulsar Ejecutar → primer 200 desde la interfaz: ${ui.coldRunToFirst200Ms} ms en frío (en marcha ${ui.coldParts.runningMs} ms + respuesta ${ui.coldParts.answerMs} ms; objetivo ≤ 600 ms), ${ui.warmRunToFirst200Ms} ms en caliente`);
  console.log('    (reloj de la página: clic en Ejecutar → todos en marcha, más clic en la petición sugerida → su respuesta en pantalla; las demoras de Playwright no cuentan)');
  console.log(`  laboratorio de dos servicios, Ejecutar → ambos en marcha: ${ui.twoServicesRunningMs} ms en frío (objetivo ≤ 1000 ms)`);
  console.log(`  worker de TypeScript de Monaco antes de enfocar el editor: ${ui.tsWorkerBeforeFocus ? 'sí (objetivo: no)' : 'no'}`);
  budget('#15', 'Ejecutar → primer 200 desde la interfaz, en frío', '≤ 600 ms', ms(ui.coldRunToFirst200Ms), ui.coldRunToFirst200Ms <= 600);
  budget('#15', 'laboratorio de dos servicios, todos en marcha', '≤ 1000 ms', ms(ui.twoServicesRunningMs), ui.twoServicesRunningMs <= 1000);
  budget('#15', 'worker de TypeScript antes de enfocar el editor', 'no se carga', ui.tsWorkerBeforeFocus ? 'se carga' : 'no se carga', !ui.tsWorkerBeforeFocus);
} catch (error) {
  console.log(`\nSandbox (interfaz): no medido (${(error as Error).message})`);
  notMeasured('#15', ['Ejecutar → primer 200 desde la interfaz, en frío', 'laboratorio de dos servicios, todos en marcha', 'worker de TypeScript antes de enfocar el editor'], ['≤ 600 ms', '≤ 1000 ms', 'no se carga'], error);
}

try {
  const { benchSystem, printSystemBench } = await import('./system-bench.ts');
  const system = await benchSystem({ port: PORT + 7 });
  printSystemBench(system);
  budget('#19', `lab 29 (${system.services} servicios), interfaz: Ejecutar → en marcha, en frío`, '≤ 1000 ms', ms(system.uiColdMs), system.uiColdMs <= 1000);
  budget('#19', 'lab 29, interfaz: Ejecutar de nuevo, en caliente', '≤ 1000 ms', ms(system.uiWarmMs), system.uiWarmMs <= 1000);
  budget('#19', 'lab 29, interfaz: Ejecutar tras 10 s leyendo (página nueva)', '≤ 1000 ms', ms(system.uiAfterReadingMs), system.uiAfterReadingMs <= 1000);
  budget('#19', 'lab 29, interfaz: «▶ Ejecutar» en la lección nada más cargar', '(informativo)', ms(system.uiAtOnceMs), undefined);
  // The worst case, not the budget's condition: lab mode's Run comes after the mount (system-bench.ts).
  budget('#19', 'lab 29, motor: montar y Ejecutar a la vez, en frío', '(informativo)', ms(system.engineColdMs), undefined);
  budget('#19', 'lab 29, motor: Ejecutar de nuevo, en caliente', '≤ 1000 ms', ms(system.engineWarmMs), system.engineWarmMs <= 1000);
} catch (error) {
  console.log(`\nSistema completo del laboratorio 29: no medido (${(error as Error).message})`);
  notMeasured('#19', ['lab 29: Ejecutar → todos en marcha'], ['≤ 1000 ms'], error);
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
  budget('#14', 'RabbitMQ publicar → consumir p50 (Node, dos workers)', '≤ 5 ms', ms(brokers.latencyP50Ms, 2), brokers.latencyP50Ms <= 5);
  budget('#14', 'RabbitMQ caudal (Node, dos workers)', '≥ 5000 msg/s', `${Math.round(brokers.throughputPerSecond)} msg/s`, brokers.throughputPerSecond >= 5000);
} catch (error) {
  console.log(`\nRabbitMQ emulado: no medido (${(error as Error).message})`);
  notMeasured('#14', ['RabbitMQ (Node)'], ['≤ 5 ms, ≥ 5000 msg/s'], error);
}

try {
  const { benchInfrastructure, printInfraBench } = await import('./infra-bench.ts');
  const infra = await benchInfrastructure();
  printInfraBench(infra);
  budget('#14', 'Redis GET p50 (Node, MessageChannel)', '≤ 1 ms', ms(infra.redisGetP50Ms, 3), infra.redisGetP50Ms <= 1);
  budget('#14', 'PGlite primera consulta, base nueva (Node)', '≤ 1500 ms', ms(infra.pgFirstQueryNewDatabaseMs), infra.pgFirstQueryNewDatabaseMs <= 1500);
  budget('#14', 'PGlite consulta simple p50 (Node)', '≤ 3 ms', ms(infra.pgSimpleQueryP50Ms, 3), infra.pgSimpleQueryP50Ms <= 3);
} catch (error) {
  console.log(`\nInfraestructura emulada: no medido (${(error as Error).message})`);
  notMeasured('#14', ['Redis y PGlite (Node)'], ['≤ 1 ms, ≤ 1500 ms, ≤ 3 ms'], error);
}

try {
  const { benchInfraEngine, printInfraEngineBench } = await import('./infra-engine-bench.ts');
  const engine = await benchInfraEngine({ port: PORT + 5 });
  printInfraEngineBench(engine);
  budget('#14', 'RabbitMQ publicar → consumir p50 (Chromium, amqplib)', '≤ 5 ms', ms(engine.broker.p50Ms, 2), engine.broker.p50Ms <= 5);
  budget('#14', 'RabbitMQ caudal (Chromium, dos workers)', '≥ 5000 msg/s', `${Math.round(engine.broker.perSecond)} msg/s`, engine.broker.perSecond >= 5000);
  budget('#14', 'Redis GET p50 (Chromium, ioredis en el worker)', '≤ 1 ms', ms(engine.data.redisGetP50Ms, 2), engine.data.redisGetP50Ms <= 1);
  budget('#14', 'PGlite primera consulta en frío (Chromium, desde montar)', '≤ 1500 ms', ms(engine.data.pgFirstQueryColdMs), engine.data.pgFirstQueryColdMs <= 1500);
  budget('#14', 'PGlite consulta simple p50 (Chromium, pg en el worker)', '≤ 3 ms', ms(engine.data.pgQueryP50Ms, 2), engine.data.pgQueryP50Ms <= 3);
  budget('#14', 'servicio con 3 réplicas: las tres responden, al arrancar', '≤ 1000 ms', ms(engine.replicas.startMs), engine.replicas.startMs <= 1000);
  budget('#14', 'servicio con 3 réplicas, al reiniciar', '≤ 1000 ms', ms(engine.replicas.restartMs), engine.replicas.restartMs <= 1000);
  for (const [capability, { gzip }] of Object.entries(engine.bytes)) budget('#14', `bytes que carga: ${capability}`, '(informativo)', kib(gzip), undefined);
} catch (error) {
  console.log(`\nInfraestructura en el motor del navegador: no medido (${(error as Error).message})`);
  notMeasured('#14', ['infraestructura en Chromium (RabbitMQ, Redis, PGlite, réplicas)'], ['≤ 5 ms, ≥ 5000 msg/s, ≤ 1 ms, ≤ 1500 ms, ≤ 3 ms, ≤ 1000 ms'], error);
}

try {
  const { benchWebSockets, printWebSocketBench } = await import('./websocket-bench.ts');
  const ws = await benchWebSockets({ port: PORT + 6 });
  printWebSocketBench(ws);
  budget('#14', 'WebSocket eco p50, página → worker', '≤ 5 ms', ms(ws.pageToWorker.p50Ms, 2), ws.pageToWorker.p50Ms <= 5);
  budget('#14', 'WebSocket eco p50, worker → worker', '≤ 5 ms', ms(ws.workerToWorker.p50Ms, 2), ws.workerToWorker.p50Ms <= 5);
  budget('#14', 'bytes que carga: WebSocket (worker + página + panel)', '(informativo)', kib(ws.bytes.shim + ws.bytes.page + ws.bytes.panel), undefined);
} catch (error) {
  console.log(`\nWebSockets en el motor del navegador: no medido (${(error as Error).message})`);
  notMeasured('#14', ['WebSocket eco p50'], ['≤ 5 ms'], error);
}

console.log('\nResumen de presupuestos (issues #14, #15 y #19)');
const width = Math.max(...budgets.map((row) => row.what.length)) + 2;
console.log(`${'issue'.padEnd(6)}${'qué'.padEnd(width)}${'objetivo'.padEnd(15)}${'medido'.padEnd(22)}`);
for (const row of budgets) {
  console.log(`${row.issue.padEnd(6)}${row.what.padEnd(width)}${row.target.padEnd(15)}${row.measured.padEnd(22)}${row.ok === undefined ? '—' : row.ok ? '✓' : '✗'}`);
}
const failed = budgets.filter((row) => row.ok === false).length;
console.log(`${budgets.filter((row) => row.ok === true).length} dentro de presupuesto, ${failed} fuera; cargas de la máquina (uptime): ${execSync('uptime').toString().trim()}`);

console.log(over === 0 ? '\nTodas las páginas dentro de presupuesto.' : `\n${over} página(s) por encima del presupuesto.`);
