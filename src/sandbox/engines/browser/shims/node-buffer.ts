// `buffer` / `node:buffer` in the browser engine: the `buffer` package (Node's Buffer API for
// browsers). Evaluating it also installs the global `Buffer` learner code uses without importing
// it (`Buffer.from(JSON.stringify(event))` for amqplib); the engine preloads this module, before
// the service's own code runs, for every service of a lab that declares infrastructure.
import { Buffer, constants, kMaxLength } from 'buffer';

const scope = globalThis as { Buffer?: typeof Buffer };
scope.Buffer ??= Buffer;

export { Buffer, constants, kMaxLength };
export default { Buffer, constants, kMaxLength };
