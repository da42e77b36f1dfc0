// "Infraestructura": what the lab's servers hold, live, and the chaos controls the lessons use.
// RabbitMQ exchanges (type, bindings) and queues (ready / unacked, consumers, their DLQ); Kafka
// topics (offsets per partition) and consumer groups (members, committed offset and lag per
// partition); Redis keys (type, TTL, value); each database's tables with their first rows; the
// replicas of replicated services with their status. Loaded on demand (infra-panel-hook.ts).
//
// Live without polling: while the tab is open it re-reads the snapshot when the infrastructure
// worker says something changed (already throttled there to 4 per second) and when a service's
// status changes; one read at a time, a change during a read schedules one more.
import type { BrokerActivity, ChaosCapability, ConsumerTarget, InfrastructureSnapshot, SandboxEngine, ServiceInstance, ServiceStatus } from '../../contract/index.ts';
import { hasChaos, hasInfrastructure } from '../../contract/index.ts';
import { statusText } from '../core/status-text.ts';
import { h } from './dom.ts';
import type { LabSession } from './session.ts';

const PANEL_CSS = `
.sbx-infra { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; min-width: 0; }
.sbx-infra section, .sbx-infra div { min-width: 0; }
.sbx-infra h4 { font-size: 1rem; margin: 0 0 0.4rem; }
.sbx-infra h5 { font-size: 0.9rem; margin: 0.6rem 0 0.3rem; }
.sbx-infra-scroll { overflow-x: auto; max-width: 100%; }
.sbx-infra table { border-collapse: collapse; font-size: 0.85rem; width: 100%; }
.sbx-infra caption { text-align: start; font-weight: 600; padding: 0.2rem 0; }
.sbx-infra th, .sbx-infra td { border-bottom: 1px solid var(--border); padding: 0.25rem 0.45rem; text-align: start; vertical-align: top; }
.sbx-infra td.sbx-num, .sbx-infra th.sbx-num { text-align: end; font-variant-numeric: tabular-nums; }
.sbx-infra code, .sbx-infra td.sbx-mono { font-family: var(--font-mono); font-size: 0.8rem; overflow-wrap: break-word; }
.sbx-infra ul { margin: 0; padding-inline-start: 1.1rem; }
.sbx-infra .sbx-nowrap { white-space: nowrap; }
.sbx-infra-row { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
.sbx-infra-replicas { list-style: none; padding: 0; display: grid; gap: 0.3rem; }
.sbx-infra-replicas li { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.sbx-infra [data-warn='true'] { color: var(--warn); font-weight: 700; }
.sbx-infra-activity { max-height: 16rem; overflow: auto; border: 1px solid var(--border); border-radius: 4px; }
.sbx-infra-activity ol { list-style: none; margin: 0; padding: 0; }
.sbx-infra-activity li { padding: 0.2rem 0.45rem; border-bottom: 1px solid var(--border); font-size: 0.85rem; overflow-wrap: anywhere; }
.sbx-infra-activity li:last-child { border-bottom: 0; }
.sbx-infra-activity time { font-variant-numeric: tabular-nums; margin-inline-end: 0.4rem; }
.sbx-infra-activity [data-kind='dead-lettered'], .sbx-infra-activity [data-kind='nacked'] { color: var(--warn); }
`;

export interface InfraPanel {
  element: HTMLElement;
  /** The tab is shown: subscribe and read now. */
  activate(): void;
  /** The tab is hidden: stop listening (no work for a panel nobody sees). */
  deactivate(): void;
}

type Chaos = SandboxEngine & ChaosCapability;

export function createInfraPanel(session: LabSession): InfraPanel {
  if (!document.querySelector('style[data-sandbox-infra]')) {
    document.head.append(Object.assign(document.createElement('style'), { textContent: PANEL_CSS }));
    document.head.lastElementChild!.setAttribute('data-sandbox-infra', '');
  }
  const engine = session.engine;
  const chaos: Chaos | undefined = hasChaos(engine) ? engine : undefined;
  const infrastructure = hasInfrastructure(engine) ? engine : undefined;
  const replicated = session.services.filter((service) => service.replicas > 1);

  const message = h('p', { className: 'sbx-muted', role: 'status' });
  const refresh = h('button', { type: 'button', className: 'sbx-btn sbx-btn-small', 'data-key': 'refresh' }, 'Actualizar');
  const updated = h('span', { className: 'sbx-muted' });
  const content = h('div', { className: 'sbx-infra' });
  const element = h(
    'div',
    {},
    h('div', { className: 'sbx-panel-bar' }, refresh, updated),
    h(
      'p',
      { className: 'sbx-hint sbx-muted' },
      'Lo que guardan ahora los servidores del laboratorio. Se actualiza solo mientras esta pestaña está abierta; las tablas de las bases de datos, también con «Actualizar».',
    ),
    message,
    content,
  );

  let snapshot: InfrastructureSnapshot | undefined;
  let reading: Promise<void> | undefined;
  let again = false;
  let offs: Array<() => void> = [];

  const say = (text: string) => (message.textContent = text);
  const act = (action: () => Promise<unknown>, done: string) => () =>
    void action().then(
      () => {
        say(done);
        schedule();
      },
      (error: unknown) => say(`Error: ${error instanceof Error ? error.message : String(error)}`),
    );

  function schedule(): void {
    if (reading) {
      again = true;
      return;
    }
    reading = (infrastructure ? infrastructure.infrastructureSnapshot() : Promise.resolve(undefined))
      .then((next) => {
        snapshot = next;
        if (message.textContent === 'Leyendo los servidores…') say('');
        updated.textContent = `Actualizado a las ${new Date().toLocaleTimeString('es')}`;
      })
      .catch((error: unknown) => void say(`No se pudo leer la infraestructura: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        render();
        reading = undefined;
        if (again) {
          again = false;
          schedule();
        }
      });
  }

  refresh.addEventListener('click', () => schedule());

  /** Re-renders, keeping keyboard focus on the same control (by its data-key). */
  function render(): void {
    const focused = (document.activeElement as HTMLElement | null)?.closest?.('[data-key]')?.getAttribute('data-key');
    const keepFocus = focused && content.contains(document.activeElement);
    const sections: HTMLElement[] = [];
    if (replicated.length > 0) sections.push(replicasSection());
    if (snapshot?.rabbitmq) sections.push(rabbitSection(snapshot.rabbitmq));
    if (snapshot?.kafka) sections.push(kafkaSection(snapshot.kafka));
    if (snapshot?.rabbitmq || snapshot?.kafka) {
      const drop = dropSection();
      if (drop) sections.push(drop);
    }
    if (snapshot?.redis) sections.push(redisSection(snapshot.redis));
    if (snapshot?.postgres) sections.push(postgresSection(snapshot.postgres));
    content.replaceChildren(...sections);
    if (keepFocus) (content.querySelector(`[data-key="${CSS.escape(focused)}"]`) as HTMLElement | null)?.focus();
  }

  // ---------------------------------------------------------------- replicas

  function replicasSection(): HTMLElement {
    const groups = new Map<string, ServiceInstance[]>();
    for (const instance of replicated) groups.set(instance.service, [...(groups.get(instance.service) ?? []), instance]);
    return section(
      'Réplicas',
      ...[...groups].map(([service, instances]) => {
        const running = instances.filter((instance) => engine.status(instance.name).state === 'running').length;
        return h(
          'div',
          {},
          h('h5', {}, `${service}: ${running} de ${instances.length} en marcha`),
          h(
            'ul',
            { className: 'sbx-infra-replicas', 'aria-label': `Réplicas de ${service}` },
            ...instances.map((instance) => {
              const status: ServiceStatus = engine.status(instance.name);
              const crash =
                chaos && status.state === 'running'
                  ? h(
                      'button',
                      {
                        type: 'button',
                        className: 'sbx-btn sbx-btn-small',
                        'data-key': `crash:${instance.name}`,
                        onclick: act(() => chaos.crashService(instance.name), `${instance.name} tirada: las otras réplicas siguen atendiendo.`),
                      },
                      'Tirar réplica',
                      h('span', { className: 'visually-hidden' }, ` ${instance.name}`),
                    )
                  : false;
              return h(
                'li',
                { 'data-replica': instance.name },
                h('code', {}, instance.name),
                h('span', { className: 'sbx-muted' }, `:${instance.port}`),
                h('span', { className: 'sbx-status', 'data-state': status.state }, statusText(status)),
                crash,
              );
            }),
          ),
        );
      }),
    );
  }

  // ---------------------------------------------------------------- RabbitMQ

  /** The events flowing through the broker, newest first (the host keeps the last 200). */
  function activityBlock(activity: BrokerActivity[]): HTMLElement {
    if (activity.length === 0) return h('div', {}, h('h5', {}, 'Actividad'), muted('Aún no ha pasado ningún mensaje por el broker.'));
    return h(
      'div',
      {},
      h('h5', {}, 'Actividad'),
      h(
        'div',
        { className: 'sbx-infra-activity', role: 'region', 'aria-label': 'Eventos del broker, del más reciente al más antiguo', tabindex: '0' },
        h('ol', { reversed: true }, ...activity.map((event) => h('li', { 'data-kind': event.kind }, h('time', { className: 'sbx-muted' }, clock(event.at)), ...describeActivity(event)))),
      ),
      muted(`Los últimos ${activity.length} eventos, el más reciente arriba.`),
    );
  }

  function rabbitSection(rabbit: NonNullable<InfrastructureSnapshot['rabbitmq']>): HTMLElement {
    // The default and amq.* exchanges every vhost has, unless the lab bound something to them.
    const exchanges = rabbit.exchanges.filter((exchange) => !(exchange.name === '' || exchange.name.startsWith('amq.')) || exchange.bindings.length > 0);
    const exchangeTable = table(
      'Exchanges',
      ['Exchange', 'Tipo', 'Bindings (cola ← clave)'],
      exchanges.map((exchange) => [
        code(exchange.name || '(por defecto)'),
        exchange.type,
        exchange.bindings.length === 0 ? muted('ninguno') : list(exchange.bindings.map((binding) => `${binding.destination} ← ${binding.routingKey === '' ? '(vacía)' : binding.routingKey}`)),
      ]),
    );
    const queueTable = table(
      'Colas',
      ['Cola', 'Listos', 'Sin confirmar', 'Consumidores', 'DLQ'],
      rabbit.queues.map((queue) => [
        code(queue.name),
        num(queue.ready),
        num(queue.unacked),
        queue.consumerList.length === 0
          ? muted('ninguno')
          : h(
              'ul',
              {},
              ...queue.consumerList.map((consumer) => {
                const target: ConsumerTarget = { kind: 'rabbitmq', consumerTag: consumer.tag };
                return h(
                  'li',
                  {},
                  h('span', { className: 'sbx-infra-row' }, code(consumer.tag), consumer.service ? `(${consumer.service})` : '', consumer.paused ? h('span', { 'data-warn': 'true' }, 'en pausa') : '', pauseButton(target, consumer.paused, consumer.tag)),
                );
              }),
            ),
        queue.deadLetterQueues.length > 0 ? list(queue.deadLetterQueues) : queue.deadLetterExchange !== undefined ? muted(`→ ${queue.deadLetterExchange || '(por defecto)'}`) : muted('—'),
      ]),
      ['num', 1],
      ['num', 2],
    );
    return section('RabbitMQ', activityBlock(rabbit.activity ?? []), exchangeTable, queueTable);
  }

  function pauseButton(target: ConsumerTarget, paused: boolean, label: string): HTMLElement | false {
    if (!chaos) return false;
    const key = target.kind === 'rabbitmq' ? `pause:amqp:${target.consumerTag}` : `pause:kafka:${target.groupId}:${target.memberId}`;
    return h(
      'button',
      {
        type: 'button',
        className: 'sbx-btn sbx-btn-small',
        'data-key': key,
        onclick: paused
          ? act(() => chaos.resumeConsumer(target), `${label} vuelve a recibir mensajes.`)
          : act(() => chaos.pauseConsumer(target), `${label} en pausa: sus mensajes esperan.`),
      },
      paused ? 'Reanudar' : 'Pausar',
      h('span', { className: 'visually-hidden' }, ` ${label}`),
    );
  }

  // ---------------------------------------------------------------- Kafka

  function kafkaSection(kafka: NonNullable<InfrastructureSnapshot['kafka']>): HTMLElement {
    const topics = table(
      'Tópicos',
      ['Tópico', 'Particiones', 'Offset final por partición'],
      kafka.topics.map((topic) => [code(topic.name), num(topic.partitions.length), topic.partitions.map((high, partition) => `p${partition}: ${high}`).join(' · ')]),
      ['num', 1],
    );
    const groups = kafka.groups.map((group) => {
      const lag = group.offsets.reduce((sum, offset) => sum + offset.lag, 0);
      return h(
        'div',
        {},
        h('h5', {}, `Grupo ${group.id}: retraso total ${lag}`),
        group.members.length === 0
          ? muted('Sin miembros conectados.')
          : h(
              'ul',
              { 'aria-label': `Miembros del grupo ${group.id}` },
              ...group.members.map((member) =>
                h(
                  'li',
                  {},
                  h(
                    'span',
                    { className: 'sbx-infra-row' },
                    code(member.id),
                    member.service ? `(${member.service})` : '',
                    muted(Object.entries(member.assignment).map(([topic, partitions]) => `${topic}: ${partitions.join(', ')}`).join(' · ') || 'sin particiones'),
                    member.paused ? h('span', { 'data-warn': 'true' }, 'en pausa') : '',
                    pauseButton({ kind: 'kafka', groupId: group.id, memberId: member.id }, member.paused, member.id),
                  ),
                ),
              ),
            ),
        table(
          `Offsets del grupo ${group.id}`,
          ['Tópico', 'Partición', 'Confirmado', 'Final', 'Retraso'],
          group.offsets.map((offset) => [code(offset.topic), num(offset.partition), offset.committed === null ? muted('—') : num(offset.committed), num(offset.high), h('span', { 'data-warn': String(offset.lag > 0) }, String(offset.lag))]),
          ['num', 1],
          ['num', 2],
          ['num', 3],
          ['num', 4],
        ),
      );
    });
    return section('Kafka', topics, ...(groups.length > 0 ? groups : [muted('Ningún grupo de consumidores todavía.')]));
  }

  // ---------------------------------------------------------------- chaos: connections

  function dropSection(): HTMLElement | undefined {
    if (!chaos) return undefined;
    const kinds = (['rabbitmq', 'kafka'] as const).filter((kind) => snapshot?.[kind]);
    const running = session.services.filter((service) => engine.status(service.name).state === 'running');
    if (running.length === 0) return undefined;
    const select = h('select', { 'aria-label': 'Servicio cuya conexión se corta', 'data-key': 'drop:service' }, ...running.map((service) => h('option', { value: service.name }, service.name)));
    const buttons = kinds.map((kind) =>
      h(
        'button',
        {
          type: 'button',
          className: 'sbx-btn sbx-btn-small',
          'data-key': `drop:${kind}`,
          onclick: () =>
            void chaos.dropConnections(select.value, kind).then(
              (count) => say(count === 0 ? `${select.value} no tenía conexiones con ${label(kind)}.` : `Conexión de ${select.value} con ${label(kind)} cortada (${count}): su cliente ve el cierre como si se cayera la red.`),
              (error: unknown) => say(`Error: ${error instanceof Error ? error.message : String(error)}`),
            ),
        },
        `Cortar conexión con ${label(kind)}`,
      ),
    );
    return section('Caos: conexiones', h('div', { className: 'sbx-infra-row' }, select, ...buttons));
  }

  // ---------------------------------------------------------------- Redis and PostgreSQL

  function redisSection(redis: NonNullable<InfrastructureSnapshot['redis']>): HTMLElement {
    if (redis.keys.length === 0) return section('Redis', muted('No hay claves.'));
    return section(
      'Redis',
      table(
        'Claves de Redis',
        ['Clave', 'Tipo', 'TTL', 'Valor'],
        redis.keys.map((key) => [code(key.key), key.type, key.ttlMs === null ? muted('sin TTL') : h('span', { className: 'sbx-nowrap' }, `${Math.ceil(key.ttlMs / 1000)} s`), h('span', { className: 'sbx-mono' }, key.preview)]),
      ),
    );
  }

  function postgresSection(postgres: NonNullable<InfrastructureSnapshot['postgres']>): HTMLElement {
    return section(
      'PostgreSQL',
      ...postgres.databases.map((database) =>
        h(
          'div',
          {},
          h('h5', {}, `Base de datos ${database.name} (de ${database.owner})`),
          ...(database.tables.length === 0
            ? [muted('Sin tablas todavía.')]
            : database.tables.map((tableInfo) =>
                table(
                  `${database.name}.${tableInfo.name}: ${tableInfo.rowCount} ${tableInfo.rowCount === 1 ? 'fila' : 'filas'}${tableInfo.rows.length < tableInfo.rowCount ? ` (las primeras ${tableInfo.rows.length})` : ''}`,
                  tableInfo.columns,
                  tableInfo.rows.map((row) => row.map((value) => h('span', { className: 'sbx-mono' }, value))),
                ),
              )),
        ),
      ),
    );
  }

  return {
    element,
    activate() {
      if (offs.length > 0) return;
      if (infrastructure) offs.push(infrastructure.onInfrastructureChange(() => schedule()));
      offs.push(engine.onStatus(() => schedule()));
      // Replicas show at once; the servers' part when the first snapshot arrives.
      if (!snapshot && infrastructure) say('Leyendo los servidores…');
      render();
      schedule();
    },
    deactivate() {
      for (const off of offs.splice(0)) off();
    },
  };
}

const clock = (at: number) => {
  const date = new Date(at);
  return `${date.toLocaleTimeString('es', { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`;
};

/** One broker event as a short Spanish sentence, names in code. */
export function describeActivity(event: BrokerActivity): Array<HTMLElement | string> {
  const key = code(event.routingKey === '' ? '(vacía)' : event.routingKey);
  const queues = (names: string[]) => (names.length === 0 ? ['sin cola que lo reciba'] : names.flatMap((name, index) => [index === 0 ? '' : ', ', code(name)]));
  switch (event.kind) {
    case 'published':
      return ['Publicado en ', code(event.exchange || '(por defecto)'), ' con clave ', key, ' → ', ...queues(event.queues)];
    case 'delivered':
      return ['Entregado de ', code(event.queue), event.consumerTag ? [' a ', code(event.consumerTag)] : ' (basic.get)', ' · ', key, event.redelivered ? ' · reentrega' : ''].flat();
    case 'acked':
      return ['Confirmado (ack) en ', code(event.queue), ' · ', key];
    case 'nacked':
      return ['Rechazado (nack) en ', code(event.queue), ' · ', key, event.requeue ? ' · vuelve a la cola' : ' · no vuelve a la cola'];
    case 'dead-lettered': {
      const why = { rejected: 'rechazado', expired: 'caducado', maxlen: 'cola llena' }[event.reason];
      return ['Muerto en ', code(event.queue), ` (${why}): pasa por la dead-letter exchange `, code(event.exchange || '(por defecto)'), ' con clave ', key, ' → ', ...queues(event.queues)];
    }
  }
}

const label = (kind: 'rabbitmq' | 'kafka') => (kind === 'rabbitmq' ? 'RabbitMQ' : 'Kafka');
const code = (text: string) => h('code', {}, text);
const muted = (text: string) => h('span', { className: 'sbx-muted' }, text);
const num = (value: number) => String(value);
const list = (items: string[]) => h('ul', {}, ...items.map((item) => h('li', {}, h('code', {}, item))));

function section(title: string, ...children: Array<HTMLElement | string>): HTMLElement {
  const id = `sbx-infra-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Math.random().toString(36).slice(2, 7)}`;
  return h('section', { 'aria-labelledby': id }, h('h4', { id }, title), ...children);
}

/**
 * A table in a horizontally scrollable, focusable region (readable at 360 px; axe wants scrollable
 * regions reachable by keyboard). `numeric` marks right-aligned columns: ['num', index].
 */
function table(caption: string, headers: string[], rows: Array<Array<HTMLElement | string>>, ...numeric: Array<['num', number]>): HTMLElement {
  const right = new Set(numeric.map(([, index]) => index));
  return h(
    'div',
    { className: 'sbx-infra-scroll', role: 'region', 'aria-label': caption, tabindex: '0' },
    h(
      'table',
      {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...headers.map((header, index) => h('th', { scope: 'col', className: right.has(index) ? 'sbx-num' : '' }, header)))),
      h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell, index) => h('td', { className: right.has(index) ? 'sbx-num' : '' }, cell))))),
    ),
  );
}
