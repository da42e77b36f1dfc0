// node:os in the browser engine: a plausible, fixed description of the sandbox's "machine".
export const EOL = '\n';
export const platform = () => 'linux';
export const type = () => 'Linux';
export const arch = () => 'x64';
export const release = () => 'sandbox';
export const hostname = () => 'sandbox';
export const homedir = () => '/';
export const tmpdir = () => '/tmp';
export const endianness = () => 'LE';
export const uptime = () => Math.round(performance.now() / 1000);
export const availableParallelism = () => navigator.hardwareConcurrency || 1;
export const cpus = () => Array.from({ length: availableParallelism() }, () => ({ model: 'sandbox', speed: 0, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } }));
export const totalmem = () => 2 ** 31;
export const freemem = () => 2 ** 30;
export const loadavg = () => [0, 0, 0];
export const networkInterfaces = () => ({});
export const userInfo = () => ({ username: 'sandbox', uid: 1000, gid: 1000, shell: null, homedir: '/' });
export default { EOL, platform, type, arch, release, hostname, homedir, tmpdir, endianness, uptime, availableParallelism, cpus, totalmem, freemem, loadavg, networkInterfaces, userInfo };
