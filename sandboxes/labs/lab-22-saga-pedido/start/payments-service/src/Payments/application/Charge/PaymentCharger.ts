import type { CardNetwork } from '../../domain/CardNetwork.ts';
import { pendingPayment, withStatus } from '../../domain/Payment.ts';
import type { Payment } from '../../domain/Payment.ts';
import type { PaymentRepository } from '../../domain/PaymentRepository.ts';

export type ChargeOutcome =
  | { kind: 'captured'; payment: Payment; replayed: boolean }
  | { kind: 'declined'; payment: Payment }
  | { kind: 'in-progress'; payment: Payment }
  | { kind: 'refunded'; payment: Payment };

/** Caso de uso: cobrar un pedido una sola vez. Repetir la petición devuelve el cobro que ya hay. */
export class PaymentCharger {
  private readonly repository: PaymentRepository;
  private readonly network: CardNetwork;

  constructor(repository: PaymentRepository, network: CardNetwork) {
    this.repository = repository;
    this.network = network;
  }

  async run(request: { orderId: string; amount: number; cardToken: string }): Promise<ChargeOutcome> {
    const existing = await this.repository.find(request.orderId);
    if (existing) return outcomeOf(existing, true);
    await this.repository.save(pendingPayment(request.orderId, request.amount));

    const authorization = await this.network.authorize(request.cardToken, request.amount);
    // Mientras la red decidía, quizá la saga se cansó de esperar y anuló el cobro: entonces no se cobra.
    const current = await this.repository.find(request.orderId);
    if (!current || current.status !== 'pending') {
      console.log(`[pagos] ${request.orderId}: la red contestó tarde y el cobro ya estaba anulado: no se cobra`);
      return outcomeOf(current ?? pendingPayment(request.orderId, request.amount), false);
    }
    const decided = authorization.approved ? withStatus(current, 'captured') : withStatus(current, 'declined', authorization.reason);
    await this.repository.save(decided);
    console.log(`[pagos] ${request.orderId}: ${decided.status}${decided.declineReason ? ` (${decided.declineReason})` : ''}`);
    return outcomeOf(decided, false);
  }
}

function outcomeOf(payment: Payment, replayed: boolean): ChargeOutcome {
  if (payment.status === 'captured') return { kind: 'captured', payment, replayed };
  if (payment.status === 'declined') return { kind: 'declined', payment };
  if (payment.status === 'pending') return { kind: 'in-progress', payment };
  return { kind: 'refunded', payment };
}
