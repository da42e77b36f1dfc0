/**
 * How node-postgres is bundled for a browser Worker (esbuild): the Node stand-ins of this folder
 * injected or resolved in place of what pg reaches only for sockets, TLS, DNS, passwords and
 * pgpass (none used over a HostedConnection). Used by the sandbox vendor build (the `pg` shim)
 * and by pg-browser.test.ts, so the test proves the bundle the engine ships.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

export const pgForBrowser: Pick<BuildOptions, 'inject' | 'plugins'> = {
  inject: [path.join(here, 'node-globals.ts')],
  plugins: [
    {
      name: 'node-builtins-for-pg',
      setup(build) {
        const util = path.join(here, 'node-util.ts');
        const empty = path.join(here, 'node-empty.ts');
        build.onResolve({ filter: /^(node:)?util(\/.*)?$/ }, () => ({ path: util }));
        build.onResolve({ filter: /^(node:)?(crypto|net|tls|dns|fs|path|stream|string_decoder)(\/.*)?$|^pg-(native|cloudflare)/ }, () => ({
          path: empty,
        }));
      },
    },
  ],
};
