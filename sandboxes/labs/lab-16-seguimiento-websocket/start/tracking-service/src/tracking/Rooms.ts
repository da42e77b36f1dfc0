import type { WSContext } from 'hono/ws';
import { sendMessage } from './messages.ts';
import type { ServerMessage } from './messages.ts';

const OPEN = 1;

// Primera versión: todas las conexiones en un mismo saco. ¿Qué recibe quien sigue otro pedido?
export class Rooms {
  private readonly sockets = new Set<WSContext>();

  join(_orderId: string, socket: WSContext): void {
    this.sockets.add(socket);
  }

  leave(_orderId: string, socket: WSContext): void {
    this.sockets.delete(socket);
  }

  /** Manda el mensaje y devuelve a cuántas conexiones llegó. */
  broadcast(_orderId: string, message: ServerMessage): number {
    let delivered = 0;
    for (const socket of this.sockets) {
      if (socket.readyState !== OPEN) continue;
      sendMessage(socket, message);
      delivered++;
    }
    return delivered;
  }

  get connections(): number {
    return this.sockets.size;
  }

  /** Cierra todas las conexiones (p. ej. con 1001 al apagar el servidor): los clientes reconectan a otra réplica. */
  closeAll(code: number, reason: string): void {
    for (const socket of this.sockets) socket.close(code, reason);
  }
}
