import type { EventPublisher, IntegrationEvent } from '../../domain/EventPublisher.ts';

// #region chaos-publisher
/**
 * Solo en el laboratorio: envuelve al publicador real y hace fallar las próximas N publicaciones,
 * como si el proceso muriera justo después del COMMIT o RabbitMQ no respondiera en ese momento.
 * Lo activa POST /_chaos; al reiniciar orders vuelve a 0 (vive en memoria, como el proceso).
 */
export class ChaosEventPublisher implements EventPublisher {
  private readonly inner: EventPublisher;
  private failuresLeft = 0;

  constructor(inner: EventPublisher) {
    this.inner = inner;
  }

  failNext(count: number): void {
    this.failuresLeft = count;
  }

  get pendingFailures(): number {
    return this.failuresLeft;
  }

  async publish(event: IntegrationEvent): Promise<void> {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error(`Caída simulada entre el COMMIT y la publicación: ${event.type} ${event.id} no llegó a RabbitMQ`);
    }
    await this.inner.publish(event);
  }
}
// #endregion chaos-publisher
