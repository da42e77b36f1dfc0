import { describe, expect, it } from 'vitest';
import { LabError, listLabs, loadLab } from '../lib/labs.ts';
import { diffTrees } from '../lib/make-overlay.ts';

describe('lab chain', () => {
  it('lists every lab in order with a valid lab.yaml', async () => {
    const labs = await listLabs();
    expect(labs.map((lab) => lab.id).slice(0, 10)).toEqual([
      'lab-01-monolito',
      'lab-02-primer-servicio',
      'lab-03-auth-service',
      'lab-04-products-orders',
      'lab-05-tareas-y-errores',
      'lab-06-hexagonal',
      'lab-07-adaptador',
      'lab-08-agregado',
      'lab-09-cqrs',
      'lab-10-event-sourcing',
    ]);
    for (const lab of labs) if (lab.base) expect(labs.findIndex((other) => other.id === lab.base)).toBeLessThan(labs.indexOf(lab));
  });

  it('resolves each start from its base solution, minus removed paths, plus the overlay', async () => {
    const base = await loadLab('lab-05-tareas-y-errores');
    const lab = await loadLab('lab-06-hexagonal');
    expect(lab.start['products-service/src/app.ts']).toBe(base.solution['products-service/src/app.ts']);
    expect(lab.start['orders-service/src/orders/ordersRoutes.ts']).toBeUndefined();
    expect(lab.start['orders-service/src/Orders/infrastructure/http/ordersRoutes.ts']).toContain('todo en la ruta');
    expect(lab.solution['orders-service/src/Orders/domain/Order.ts']).toContain('class Order');
  });

  it('gives every lab a workspace: package.json, tsconfig and one server.ts per service', async () => {
    for (const { id } of await listLabs()) {
      const lab = await loadLab(id);
      for (const tree of [lab.start, lab.solution]) {
        const pkg = JSON.parse(tree['package.json']!) as { type: string; dependencies: Record<string, string> };
        expect(pkg.type).toBe('module');
        expect(pkg.dependencies.hono).toMatch(/^\^4\./);
        expect(JSON.parse(tree['tsconfig.json']!).compilerOptions.erasableSyntaxOnly).toBe(true);
      }
      for (const service of lab.meta.services) expect(lab.start[`${service.dir}/src/server.ts`], `${id}: ${service.dir}`).toBeDefined();
      expect(lab.checks).toContain('satisfies Check[]');
      expect(lab.checks).not.toMatch(/^import (?!type )/m);
    }
  });

  it('changes the start into the solution, and lab 7 swaps the adapter without touching domain or application', async () => {
    for (const { id } of await listLabs()) {
      const lab = await loadLab(id);
      expect(diffTrees(lab.start, lab.solution).overlay, id).not.toEqual({});
    }
    const lab7 = await loadLab('lab-07-adaptador');
    const changed = Object.keys(diffTrees(lab7.start, lab7.solution).overlay);
    expect(changed.filter((path) => /\/(domain|application)\//.test(path))).toEqual([]);
  });

  it('keeps service code free of Node modules outside server.ts', async () => {
    for (const { id } of await listLabs()) {
      const lab = await loadLab(id);
      for (const [path, content] of Object.entries(lab.solution)) {
        if (!path.endsWith('.ts') || path.endsWith('/server.ts') || path.includes('/test/')) continue;
        expect(content, `${id}: ${path}`).not.toMatch(/from ['"](node:|fs['"]|path['"])/);
        expect(content, `${id}: ${path}`).not.toMatch(/^\s*(export )?(enum|namespace) /m);
      }
    }
  });

  it('names the file and the field when a lab is wrong', async () => {
    await expect(loadLab('lab-99-no-existe')).rejects.toThrow(LabError);
    await expect(loadLab('lab-99-no-existe')).rejects.toThrow(/sandboxes\/labs\/lab-99-no-existe\/lab\.yaml/);
    await expect(loadLab('no-es-un-id')).rejects.toThrow(/not a valid lab id/);
  });

  it('diffs trees into an overlay and a list of removed files', () => {
    expect(diffTrees({ a: '1', b: '2', c: '3' }, { a: '1', b: '20', d: '4' })).toEqual({ overlay: { b: '20', d: '4' }, removed: ['c'] });
  });
});
