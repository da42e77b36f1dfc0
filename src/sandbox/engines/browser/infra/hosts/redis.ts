// Vendor bundle `infra/redis-host.js`: the lab's Redis (ioredis-mock's browser build behind
// RedisHost), loaded by the page only for labs that declare it. The bundle starts with a global
// `require` for fs/path/vm (see build.ts): ioredis-mock's browser build calls them through
// esbuild's require shim, which otherwise throws "Dynamic require of "fs" is not supported".
export { RedisHost } from '../../../../infra/redis/host.ts';
