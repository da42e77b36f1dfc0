/**
 * Stands for net, tls, dns, fs, path, stream, string_decoder and crypto in the browser bundle of
 * pg: node-postgres reaches them only for sockets, TLS, DNS, passwords and pgpass, none of which a
 * HostedConnection uses. `webcrypto` is the browser's own.
 */
export const webcrypto = globalThis.crypto;
export default { webcrypto };
