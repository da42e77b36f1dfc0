import { describe, expect, it } from 'vitest';
import { bareImportsOf, preloadUrls, type VendorMap } from './preload.ts';

describe('bareImportsOf', () => {
  it('finds static, side-effect, re-export and dynamic bare imports', () => {
    const source = [
      "import { Hono } from 'hono';",
      "import { jwt } from \"hono/jwt\";",
      "import 'zod';",
      "export { z } from '@hono/zod-openapi';",
      "import {\n  cors,\n  type MiddlewareHandler,\n} from 'hono/cors';",
      "const lazy = await import('node:crypto');",
      "import { local } from './local.ts';",
      "import data from '../data.json' with { type: 'json' };",
    ].join('\n');
    expect(bareImportsOf(source).sort()).toEqual(['@hono/zod-openapi', 'hono', 'hono/cors', 'hono/jwt', 'node:crypto', 'zod']);
  });

  it('ignores type-only imports, which are erased', () => {
    const source = "import type { Context } from 'hono';\nimport type{ Env } from 'hono/types';\nexport type { Z } from 'zod';";
    expect(bareImportsOf(source)).toEqual([]);
  });
});

describe('preloadUrls', () => {
  const vendor: VendorMap = {
    imports: { hono: 'https://x/pkg/hono.js', zod: 'https://x/pkg/zod.js' },
    preload: {
      hono: ['https://x/pkg/hono.js', 'https://x/chunks/a.js'],
      zod: ['https://x/pkg/zod.js', 'https://x/chunks/a.js', 'https://x/chunks/z.js'],
    },
  };

  it('collects the closures of the service folder only, without duplicates', () => {
    const tree = {
      'products-service/src/server.ts': "import { Hono } from 'hono';",
      'products-service/src/schema.ts': "import { z } from 'zod';",
      'products-service/src/app.test.ts': "import { expect } from 'vitest';",
      'orders-service/src/server.ts': "import { other } from 'left-pad';",
      'README.md': "import x from 'nothing';",
    };
    expect(preloadUrls(tree, 'products-service', vendor)).toEqual([
      'https://x/pkg/hono.js',
      'https://x/chunks/a.js',
      'https://x/pkg/zod.js',
      'https://x/chunks/z.js',
    ]);
  });

  it('skips specifiers the vendor folder does not provide', () => {
    expect(preloadUrls({ 'svc/src/server.ts': "import pad from 'left-pad';" }, 'svc', vendor)).toEqual([]);
  });
});
