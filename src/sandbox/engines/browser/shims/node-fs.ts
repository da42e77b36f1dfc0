// node:fs in the browser engine: `promises` and the callback API work on the lab's file system
// (see node-fs-promises.ts); the *Sync functions cannot wait for the page, so they explain why.
import * as promises from './node-fs-promises.ts';

export { promises };
export const { constants, Dirent, Stats } = promises;

type Callback = (error: Error | null, value?: unknown) => void;

/** fs.readFile(path, [options], callback) and friends, on top of the promise API. */
function callbackStyle<A extends unknown[]>(name: string, run: (...args: A) => Promise<unknown>) {
  return (...args: unknown[]) => {
    const callback = args.pop();
    if (typeof callback !== 'function') throw new TypeError(`fs.${name}(): the "cb" argument must be a function`);
    run(...(args as A)).then(
      (value) => (callback as Callback)(null, value),
      (error: Error) => (callback as Callback)(error),
    );
  };
}

export const readFile = callbackStyle('readFile', promises.readFile);
export const writeFile = callbackStyle('writeFile', promises.writeFile);
export const appendFile = callbackStyle('appendFile', promises.appendFile);
export const mkdir = callbackStyle('mkdir', promises.mkdir);
export const readdir = callbackStyle('readdir', promises.readdir);
export const stat = callbackStyle('stat', promises.stat);
export const lstat = callbackStyle('lstat', promises.lstat);
export const access = callbackStyle('access', promises.access);
export const rm = callbackStyle('rm', promises.rm);
export const unlink = callbackStyle('unlink', promises.unlink);
export const rmdir = callbackStyle('rmdir', promises.rmdir);
export const rename = callbackStyle('rename', promises.rename);
export const copyFile = callbackStyle('copyFile', promises.copyFile);

function syncUnavailable(name: string) {
  return (): never => {
    throw new Error(
      `fs.${name}() no está disponible en el sandbox del navegador (un worker no puede esperar a la página sin bloquearse): usa la versión de node:fs/promises con await.`,
    );
  };
}
export const existsSync = syncUnavailable('existsSync');
export const readFileSync = syncUnavailable('readFileSync');
export const writeFileSync = syncUnavailable('writeFileSync');
export const appendFileSync = syncUnavailable('appendFileSync');
export const mkdirSync = syncUnavailable('mkdirSync');
export const readdirSync = syncUnavailable('readdirSync');
export const statSync = syncUnavailable('statSync');
export const rmSync = syncUnavailable('rmSync');
export const unlinkSync = syncUnavailable('unlinkSync');
export const renameSync = syncUnavailable('renameSync');
export const createReadStream = syncUnavailable('createReadStream');
export const createWriteStream = syncUnavailable('createWriteStream');

export default {
  promises, constants, Dirent, Stats, readFile, writeFile, appendFile, mkdir, readdir, stat, lstat, access, rm, unlink, rmdir,
  rename, copyFile, existsSync, readFileSync, writeFileSync, appendFileSync, mkdirSync, readdirSync, statSync, rmSync,
  unlinkSync, renameSync, createReadStream, createWriteStream,
};
