// node:process → the process object the worker runtime installs.
const processShim = (globalThis as unknown as { process: Record<string, unknown> }).process;
export default processShim;
export const env = processShim?.env;
export const argv = processShim?.argv;
export const exit = processShim?.exit;
export const nextTick = processShim?.nextTick;
export const cwd = processShim?.cwd;
export const hrtime = processShim?.hrtime;
export const uptime = processShim?.uptime;
