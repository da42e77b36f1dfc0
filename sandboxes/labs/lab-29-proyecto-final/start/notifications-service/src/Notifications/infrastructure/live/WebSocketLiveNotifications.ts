import type { WSContext } from 'hono/ws';
import type { LiveNotification, LiveNotifications } from '../../application/LiveNotifications.ts';

/** Una sala por cliente (su email): todas sus pestañas abiertas reciben el aviso; nadie más. */
export class WebSocketLiveNotifications implements LiveNotifications {
  private readonly rooms = new Map<string, Set<WSContext>>();

  join(customerEmail: string, socket: WSContext) {
    const room = this.rooms.get(customerEmail) ?? new Set<WSContext>();
    room.add(socket);
    this.rooms.set(customerEmail, room);
  }

  leave(customerEmail: string, socket: WSContext) {
    const room = this.rooms.get(customerEmail);
    room?.delete(socket);
    if (room?.size === 0) this.rooms.delete(customerEmail);
  }

  push(customerEmail: string, notification: LiveNotification): number {
    const room = this.rooms.get(customerEmail) ?? new Set<WSContext>();
    for (const socket of room) socket.send(JSON.stringify(notification));
    return room.size;
  }

  get connections(): number {
    return [...this.rooms.values()].reduce((total, room) => total + room.size, 0);
  }
}
