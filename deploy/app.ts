// `npm run deploy:app [-- <lab-id>]`: writes deploy/app/, the build context of the images: the
// solution tree of the current lab (what `npm run foodly` runs) plus the Dockerfile, .dockerignore
// the package-lock.json that `npm ci` needs, kubernetes/ and .github/workflows/: a learner's
// repository as it would look.
// `-- --lock` also refreshes deploy/package-lock.json from the tree's package.json (npm registry).
import { execFileSync } from 'node:child_process';
import { copyFile, cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeTree, loadLab } from '../sandboxes/lib/labs.ts';
import { currentLabId, DEPLOY_DIR } from './system.ts';

const args = process.argv.slice(2);
const refreshLock = args.includes('--lock');
const id = args.find((arg) => !arg.startsWith('--')) ?? (await currentLabId());
const appDir = join(DEPLOY_DIR, 'app');
await rm(appDir, { recursive: true, force: true });
await writeTree((await loadLab(id)).solution, appDir);
for (const file of ['Dockerfile', '.dockerignore']) await copyFile(join(DEPLOY_DIR, file), join(appDir, file));
// The rest of a learner's repository: the manifests the workflow applies, and the workflow itself.
await cp(join(DEPLOY_DIR, 'kubernetes'), join(appDir, 'kubernetes'), { recursive: true });
await cp(join(DEPLOY_DIR, 'github'), join(appDir, '.github'), { recursive: true });
if (refreshLock) {
  execFileSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: appDir, stdio: 'inherit' });
  await copyFile(join(appDir, 'package-lock.json'), join(DEPLOY_DIR, 'package-lock.json'));
} else {
  await copyFile(join(DEPLOY_DIR, 'package-lock.json'), join(appDir, 'package-lock.json'));
}
console.log(`deploy/app/: solución de ${id}, lista para docker build / docker compose -f deploy/compose.yaml build`);
