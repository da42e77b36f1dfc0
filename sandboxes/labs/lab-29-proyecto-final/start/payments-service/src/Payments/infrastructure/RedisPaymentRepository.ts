import type { Redis } from 'ioredis';
import type { Payment } from '../domain/Payment.ts';
import type { PaymentRepository } from '../domain/PaymentRepository.ts';

// #region set-nx
/**
 * Un cobro por pedido aunque dos réplicas reciban el mismo pago a la vez: SET payment:<pedido> … NX es
 * atómico en Redis, así que solo una de las dos escrituras gana; la otra lee y devuelve la ganadora.
 */
export class RedisPaymentRepository implements PaymentRepository {
  private readonly redis: Redis;

  constructor(redis: Redis) {
    this.redis = redis;
  }

  async saveIfAbsent(payment: Payment) {
    const written = await this.redis.set(`payment:${payment.orderId}`, JSON.stringify(payment), 'NX');
    if (written === 'OK') return { saved: true, payment };
    return { saved: false, payment: (await this.findByOrder(payment.orderId)) ?? payment };
  }

  async findByOrder(orderId: string) {
    const raw = await this.redis.get(`payment:${orderId}`);
    return raw ? (JSON.parse(raw) as Payment) : undefined;
  }

  async update(payment: Payment) {
    // XX: solo si ya existe; un cobro no se crea por aquí.
    await this.redis.set(`payment:${payment.orderId}`, JSON.stringify(payment), 'XX');
  }
}
// #endregion set-nx
