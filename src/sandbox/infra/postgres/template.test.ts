/**
 * The template is a cluster shut down cleanly: a database started from it neither replays WAL
 * nor loses its relation cache files (which made every new database rebuild its catalog caches).
 */
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { tarEntries, templateTar } from './template-fs.ts';
import { createTemplate } from './template.ts';

describe('createTemplate', () => {
  it('dumps a cluster shut down cleanly, with its relation cache files and without template databases', async () => {
    const template = await createTemplate('gzip');
    const paths = tarEntries(await templateTar(template)).map((entry) => entry.path);
    expect(paths).toContain('PG_VERSION');
    expect(paths).toContain('global/pg_internal.init');
    expect(paths).toContain('base/5/pg_internal.init');
    expect(paths.filter((path) => /^base\/[^/]+$/.test(path))).toEqual(['base/5']); // postgres only

    const log: string[] = [];
    const pglite = await PGlite.create({
      loadDataDir: template,
      startParams: [...PGlite.defaultStartParams, '-c', 'log_min_messages=debug1'],
      onStderr: (line: string) => (log.push(line), false),
    });
    try {
      expect((await pglite.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_database WHERE datname = 'postgres'")).rows).toEqual([{ n: 1 }]);
    } finally {
      await pglite.close();
    }
    expect(log.join('\n')).toContain('database system was shut down');
    expect(log.join('\n')).not.toContain('automatic recovery');
  }, 60_000);
});
