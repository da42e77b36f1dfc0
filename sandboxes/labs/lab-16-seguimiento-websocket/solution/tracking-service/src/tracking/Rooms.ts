import type { WSContext } from 'hono/ws';
import { sendMessage } from './messages.ts';
import type { ServerMessage } from './messages.ts';

/** Un cliente que deja sin leer más de esto (1 MiB) es un consumidor lento: mejor cerrarle que llenar la memoria. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
const OPEN = 1;

/** Bytes encolados en el socket y aún no enviados; 0 si el adaptador no lo expone (ws.raw en Node sí). */
const bufferedAmount = (socket: WSContext): number => (socket.raw as { bufferedAmount?: number } | undefined)?.bufferedAmount ?? 0;

// #region rooms
/** Una sala por pedido: cada evento llega solo a las conexiones que siguen ese pedido. */
export class Rooms {
  private readonly rooms = new Map<string, Set<WSContext>>();

  join(orderId: string, socket: WSContext): void {
    const room = this.rooms.get(orderId) ?? new Set<WSContext>();
    room.add(socket);
    this.rooms.set(orderId, room);
  }

  leave(orderId: string, socket: WSContext): void {
    const room = this.rooms.get(orderId);
    room?.delete(socket);
    // Una sala vacía se borra: con miles de pedidos al día, las salas muertas serían una fuga de memoria.
    if (room?.size === 0) this.rooms.delete(orderId);
  }

  /** Manda el mensaje a la sala del pedido y devuelve a cuántas conexiones llegó. */
  broadcast(orderId: string, message: ServerMessage): number {
    let delivered = 0;
    for (const socket of this.rooms.get(orderId) ?? []) {
      if (socket.readyState !== OPEN) continue;
      if (bufferedAmount(socket) > MAX_BUFFERED_BYTES) {
        socket.close(1013, 'Vas demasiado lento: reconecta y reanuda');
        continue;
      }
      sendMessage(socket, message);
      delivered++;
    }
    return delivered;
  }
  // #endregion rooms

  get connections(): number {
    let total = 0;
    for (const room of this.rooms.values()) total += room.size;
    return total;
  }

  /** Cierra todas las conexiones (p. ej. con 1001 al apagar el servidor): los clientes reconectan a otra réplica. */
  closeAll(code: number, reason: string): void {
    for (const room of this.rooms.values()) for (const socket of room) socket.close(code, reason);
  }
}
