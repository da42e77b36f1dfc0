// How a client shim (in a service worker, or in a test) talks to a broker core (in the page, a
// Worker or the same process). Frames are plain objects with Uint8Array bodies, so the same
// protocol travels through postMessage (structured clone) or a direct in-process pair.

export interface FrameLink<Outgoing, Incoming> {
  send(frame: Outgoing): void;
  /** One receiver per end; frames arrive in send order, never synchronously inside send(). */
  onReceive(receiver: (frame: Incoming) => void): void;
  /** Called once when the link closes, from either end (like a socket's 'close' event). */
  onClose(listener: () => void): void;
  close(): void;
}

// Delivery is on a macrotask, as bytes from a socket would be: a consumer that nacks and is
// redelivered forever must not starve timers and rendering the way a microtask loop would.
// setImmediate (Node) and MessageChannel (browsers, workers) avoid setTimeout's 4 ms clamp.
type Task = () => void;
const scheduleMacrotask: (task: Task) => void = (() => {
  const immediate = (globalThis as { setImmediate?: (task: Task) => void }).setImmediate;
  if (typeof immediate === 'function') return (task: Task) => immediate(task);
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    const tasks: Task[] = [];
    channel.port1.onmessage = () => tasks.shift()?.();
    return (task: Task) => {
      tasks.push(task);
      channel.port2.postMessage(null);
    };
  }
  return (task: Task) => setTimeout(task, 0);
})();

class InProcessEnd<Outgoing, Incoming> implements FrameLink<Outgoing, Incoming> {
  peer!: InProcessEnd<Incoming, Outgoing>;
  #receiver: ((frame: Incoming) => void) | null = null;
  #inbox: Incoming[] = [];
  #flushScheduled = false;
  #closeListeners: Array<() => void> = [];
  closed = false;

  send(frame: Outgoing): void {
    if (this.closed) return;
    this.peer.deliver(frame);
  }

  deliver(frame: Incoming): void {
    if (this.closed) return;
    this.#inbox.push(frame);
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      scheduleMacrotask(() => this.#flush());
    }
  }

  #flush(): void {
    this.#flushScheduled = false;
    // Frames sent while flushing go to the next macrotask, so one busy peer cannot hog the loop.
    const batch = this.#inbox;
    this.#inbox = [];
    for (const frame of batch) {
      if (this.closed) return;
      this.#receiver?.(frame);
    }
  }

  onReceive(receiver: (frame: Incoming) => void): void {
    this.#receiver = receiver;
  }

  onClose(listener: () => void): void {
    this.#closeListeners.push(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#inbox = [];
    this.peer.peerClosed();
    scheduleMacrotask(() => {
      for (const listener of this.#closeListeners) listener();
    });
  }

  peerClosed(): void {
    if (this.closed) return;
    // Frames already on their way are still delivered, then the close is seen.
    scheduleMacrotask(() => {
      this.#flush();
      this.closed = true;
      for (const listener of this.#closeListeners) listener();
    });
  }
}

/** Two connected ends in one JS realm (tests, Node, or broker and clients in the same page). */
export function createInProcessLink<ClientFrame, ServerFrame>(): {
  client: FrameLink<ClientFrame, ServerFrame>;
  server: FrameLink<ServerFrame, ClientFrame>;
} {
  const client = new InProcessEnd<ClientFrame, ServerFrame>();
  const server = new InProcessEnd<ServerFrame, ClientFrame>();
  client.peer = server;
  server.peer = client;
  return { client, server };
}

/** The part of a MessagePort a link needs (works for MessagePort, Worker and worker scope). */
export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close?(): void;
}

/**
 * A link over a MessagePort. Frames sent in one turn of the event loop travel as one array
 * (one structured clone and one message event per batch, not per frame: a burst of publishes
 * costs one postMessage). Close is signalled in-band ({ $close: true }), since MessagePort has
 * no close event that every browser fires.
 */
export function createPortLink<Outgoing, Incoming>(port: PortLike): FrameLink<Outgoing, Incoming> {
  let receiver: ((frame: Incoming) => void) | null = null;
  const closeListeners: Array<() => void> = [];
  let closed = false;
  let outbox: Outgoing[] = [];
  const finish = () => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners) listener();
  };
  const flush = () => {
    if (outbox.length === 0) return;
    const batch = outbox;
    outbox = [];
    port.postMessage(batch);
  };
  port.addEventListener('message', (event) => {
    if (closed) return;
    const data = event.data as { $close?: true } | Incoming[];
    if (!Array.isArray(data)) {
      if (data && typeof data === 'object' && '$close' in data) finish();
      return;
    }
    for (const frame of data) {
      if (closed) return;
      receiver?.(frame);
    }
  });
  (port as { start?: () => void }).start?.();
  return {
    send(frame) {
      if (closed) return;
      if (outbox.length === 0) queueMicrotask(flush);
      outbox.push(frame);
    },
    onReceive(next) {
      receiver = next;
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
    close() {
      if (closed) return;
      flush();
      port.postMessage({ $close: true });
      port.close?.();
      finish();
    },
  };
}
