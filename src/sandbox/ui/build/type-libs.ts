// Build time (Node): the real .d.ts files of the packages the labs import (hono, zod, @hono/*),
// found by letting TypeScript resolve every import the labs may write, plus trimmed package.json
// files so Monaco's TypeScript worker resolves "hono/logger" through `exports` like a bundler.
// Served as JSON by src/pages/sandbox-types.json.ts and fed to Monaco with addExtraLib.
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { PACKAGE_SPECIFIERS } from '../../vendor/build.ts';

export interface TypeLib {
  /** Path as the editor sees it: `file:///node_modules/<package>/…`. */
  path: string;
  content: string;
}

const PACKAGE_JSON_FIELDS = ['name', 'version', 'type', 'types', 'typings', 'main', 'module', 'exports', 'typesVersions'] as const;

export async function collectTypeLibs(root = process.cwd()): Promise<TypeLib[]> {
  const entry = join(root, '__sandbox_types_entry__.ts');
  const source = PACKAGE_SPECIFIERS.map((specifier, index) => `import * as m${index} from '${specifier}';`).join('\n');
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ESNext,
    types: [],
    noEmit: true,
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const readSource = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) =>
    fileName === entry ? ts.createSourceFile(fileName, source, languageVersion) : readSource(fileName, languageVersion, ...rest);
  const program = ts.createProgram({ rootNames: [entry], options, host });

  // TypeScript reports real paths: node_modules may be a symlink (CI caches, worktrees).
  const nodeModules = realpathSync(join(root, 'node_modules')) + sep;
  const libs: TypeLib[] = [];
  const packageDirs = new Set<string>();
  for (const file of program.getSourceFiles()) {
    const fileName = file.fileName.split('/').join(sep);
    if (!fileName.startsWith(nodeModules) || fileName.includes(`${sep}typescript${sep}lib${sep}`)) continue;
    const inside = relative(nodeModules, fileName).split(sep);
    const packageName = inside[0]!.startsWith('@') ? `${inside[0]}/${inside[1]}` : inside[0]!;
    packageDirs.add(packageName);
    libs.push({ path: `file:///node_modules/${inside.join('/')}`, content: file.text });
  }
  for (const name of [...packageDirs].sort()) {
    const pkg = JSON.parse(await readFile(join(nodeModules, name, 'package.json'), 'utf8')) as Record<string, unknown>;
    const trimmed = Object.fromEntries(PACKAGE_JSON_FIELDS.filter((field) => field in pkg).map((field) => [field, pkg[field]]));
    libs.push({ path: `file:///node_modules/${name}/package.json`, content: JSON.stringify(trimmed) });
  }
  // What the browser engine provides instead of Node (process, node:*, @hono/node-server).
  const shims = await readFile(join(dirname(fileURLToPath(import.meta.url)), 'sandbox-node.d.ts.txt'), 'utf8').catch(() =>
    readFile(join(root, 'src/sandbox/ui/build/sandbox-node.d.ts.txt'), 'utf8'),
  );
  libs.push({ path: 'file:///node_modules/@types/sandbox-node/index.d.ts', content: shims });
  return libs.sort((a, b) => a.path.localeCompare(b.path));
}
