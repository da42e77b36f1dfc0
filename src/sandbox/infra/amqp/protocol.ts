// The frames between the amqplib shim and the broker core: AMQP 0-9-1 methods as plain objects
// (no binary framing). Names, class/method ids and reply codes are the protocol's, so errors can
// be reported exactly as amqplib reports the real server's.

export type FieldTable = Record<string, unknown>;

/** Message properties as amqplib hands them to consumers (every key present, unset = undefined). */
export interface MessageProperties {
  contentType: string | undefined;
  contentEncoding: string | undefined;
  headers: FieldTable;
  deliveryMode: number | undefined;
  priority: number | undefined;
  correlationId: string | undefined;
  replyTo: string | undefined;
  expiration: string | undefined;
  messageId: string | undefined;
  timestamp: number | undefined;
  type: string | undefined;
  userId: string | undefined;
  appId: string | undefined;
  clusterId: string | undefined;
}

/** Properties on the wire: only the set ones, `headers` always present. */
export type WireProperties = Partial<MessageProperties> & { headers: FieldTable };

export interface QueueDeclareArgs {
  queue: string;
  passive: boolean;
  durable: boolean;
  exclusive: boolean;
  autoDelete: boolean;
  arguments: FieldTable;
}

export interface RpcRequests {
  'channel.open': Record<string, never>;
  'channel.close': Record<string, never>;
  'confirm.select': Record<string, never>;
  'exchange.declare': { exchange: string; type: string; passive: boolean; durable: boolean; autoDelete: boolean; internal: boolean; arguments: FieldTable };
  'exchange.delete': { exchange: string; ifUnused: boolean };
  'exchange.bind': { destination: string; source: string; routingKey: string; arguments: FieldTable };
  'exchange.unbind': { destination: string; source: string; routingKey: string; arguments: FieldTable };
  'queue.declare': QueueDeclareArgs;
  'queue.bind': { queue: string; exchange: string; routingKey: string; arguments: FieldTable };
  'queue.unbind': { queue: string; exchange: string; routingKey: string; arguments: FieldTable };
  'queue.purge': { queue: string };
  'queue.delete': { queue: string; ifUnused: boolean; ifEmpty: boolean };
  'basic.qos': { prefetchCount: number; global: boolean };
  'basic.consume': { queue: string; consumerTag: string; noAck: boolean; exclusive: boolean; priority?: number; arguments: FieldTable };
  'basic.cancel': { consumerTag: string };
  'basic.get': { queue: string; noAck: boolean };
  'basic.recover': { requeue: boolean };
}

export interface RpcReplies {
  'channel.open': Record<string, never>;
  'channel.close': Record<string, never>;
  'confirm.select': Record<string, never>;
  'exchange.declare': Record<string, never>;
  'exchange.delete': Record<string, never>;
  'exchange.bind': Record<string, never>;
  'exchange.unbind': Record<string, never>;
  'queue.declare': { queue: string; messageCount: number; consumerCount: number };
  'queue.bind': Record<string, never>;
  'queue.unbind': Record<string, never>;
  'queue.purge': { messageCount: number };
  'queue.delete': { messageCount: number };
  'basic.qos': Record<string, never>;
  'basic.consume': { consumerTag: string };
  'basic.cancel': { consumerTag: string };
  'basic.get': GetOk | null;
  'basic.recover': Record<string, never>;
}

export type RpcMethod = keyof RpcRequests;

export interface GetOk {
  deliveryTag: number;
  redelivered: boolean;
  exchange: string;
  routingKey: string;
  messageCount: number;
  properties: WireProperties;
  content: Uint8Array;
}

export type ClientFrame =
  | { type: 'rpc'; channel: number; id: number; method: RpcMethod; args: RpcRequests[RpcMethod] }
  | { type: 'publish'; channel: number; exchange: string; routingKey: string; mandatory: boolean; properties: WireProperties; content: Uint8Array }
  | { type: 'ack'; channel: number; deliveryTag: number; multiple: boolean }
  | { type: 'nack'; channel: number; deliveryTag: number; multiple: boolean; requeue: boolean }
  | { type: 'reject'; channel: number; deliveryTag: number; requeue: boolean }
  /** The client closes a channel because of an error on its side (e.g. a consumer callback threw). */
  | { type: 'channel.error-close'; channel: number; replyCode: number; replyText: string }
  | { type: 'connection.close' };

export type ServerFrame =
  | { type: 'reply'; channel: number; id: number; result: unknown }
  | { type: 'channel.close'; channel: number; replyCode: number; replyText: string; classId: number; methodId: number }
  | { type: 'deliver'; channel: number; consumerTag: string; deliveryTag: number; redelivered: boolean; exchange: string; routingKey: string; properties: WireProperties; content: Uint8Array }
  | { type: 'return'; channel: number; replyCode: number; replyText: string; exchange: string; routingKey: string; properties: WireProperties; content: Uint8Array }
  | { type: 'confirm'; channel: number; deliveryTag: number; multiple: boolean; ack: boolean }
  | { type: 'cancel'; channel: number; consumerTag: string }
  | { type: 'connection.close'; replyCode: number; replyText: string };

/** AMQP 0-9-1 class and method ids, with the names amqplib prints (defs.js). */
export const METHODS = {
  'channel.open': { classId: 20, methodId: 10, name: 'ChannelOpen' },
  'channel.close': { classId: 20, methodId: 40, name: 'ChannelClose' },
  'exchange.declare': { classId: 40, methodId: 10, name: 'ExchangeDeclare' },
  'exchange.delete': { classId: 40, methodId: 20, name: 'ExchangeDelete' },
  'exchange.bind': { classId: 40, methodId: 30, name: 'ExchangeBind' },
  'exchange.unbind': { classId: 40, methodId: 40, name: 'ExchangeUnbind' },
  'queue.declare': { classId: 50, methodId: 10, name: 'QueueDeclare' },
  'queue.bind': { classId: 50, methodId: 20, name: 'QueueBind' },
  'queue.purge': { classId: 50, methodId: 30, name: 'QueuePurge' },
  'queue.delete': { classId: 50, methodId: 40, name: 'QueueDelete' },
  'queue.unbind': { classId: 50, methodId: 50, name: 'QueueUnbind' },
  'basic.qos': { classId: 60, methodId: 10, name: 'BasicQos' },
  'basic.consume': { classId: 60, methodId: 20, name: 'BasicConsume' },
  'basic.cancel': { classId: 60, methodId: 30, name: 'BasicCancel' },
  'basic.publish': { classId: 60, methodId: 40, name: 'BasicPublish' },
  'basic.deliver': { classId: 60, methodId: 60, name: 'BasicDeliver' },
  'basic.get': { classId: 60, methodId: 70, name: 'BasicGet' },
  'basic.ack': { classId: 60, methodId: 80, name: 'BasicAck' },
  'basic.reject': { classId: 60, methodId: 90, name: 'BasicReject' },
  'basic.recover': { classId: 60, methodId: 110, name: 'BasicRecover' },
  'basic.nack': { classId: 60, methodId: 120, name: 'BasicNack' },
  'confirm.select': { classId: 85, methodId: 10, name: 'ConfirmSelect' },
} as const;

export type MethodName = keyof typeof METHODS;

/** Reply codes and the names amqplib prints for them (defs.constant_strs). */
export const REPLY_CODE_NAMES: Record<number, string> = {
  200: 'REPLY-SUCCESS',
  312: 'NO-ROUTE',
  320: 'CONNECTION-FORCED',
  403: 'ACCESS-REFUSED',
  404: 'NOT-FOUND',
  405: 'RESOURCE-LOCKED',
  406: 'PRECONDITION-FAILED',
  503: 'COMMAND-INVALID',
  504: 'CHANNEL-ERROR',
  530: 'NOT-ALLOWED',
  540: 'NOT-IMPLEMENTED',
  541: 'INTERNAL-ERROR',
};

/** amqplib's format.closeMessage: `404 (NOT-FOUND) with message "NOT_FOUND - …"`. */
export function closeMessage(replyCode: number, replyText: string): string {
  return `${replyCode} (${REPLY_CODE_NAMES[replyCode] ?? 'UNKNOWN'}) with message "${replyText}"`;
}

export function emptyProperties(): MessageProperties {
  return {
    contentType: undefined,
    contentEncoding: undefined,
    headers: {},
    deliveryMode: undefined,
    priority: undefined,
    correlationId: undefined,
    replyTo: undefined,
    expiration: undefined,
    messageId: undefined,
    timestamp: undefined,
    type: undefined,
    userId: undefined,
    appId: undefined,
    clusterId: undefined,
  };
}
