import { InMemoryOrderRepository } from '../../../src/Orders/infrastructure/InMemoryOrderRepository.ts';
import { describeOrderRepositoryContract } from './orderRepositoryContract.ts';

// El doble en memoria pasa la misma suite que el adaptador de PostgreSQL: así los tests que lo usan
// (los de los casos de uso) prueban lo que de verdad pasará en producción.
describeOrderRepositoryContract('en memoria', async () => ({ repository: new InMemoryOrderRepository(), close: async () => {} }));
