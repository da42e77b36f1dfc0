/** The part of Node's `util` node-postgres uses in a browser bundle: `deprecate` and `util/types`' `isDate`. */
export function deprecate<T extends (...args: never[]) => unknown>(fn: T): T {
  return fn;
}
export function inherits(child: { prototype: object }, parent: { prototype: object }): void {
  Object.setPrototypeOf(child.prototype, parent.prototype);
}
/** Also stands for `util/types`, from which pg imports `isDate`. */
export const isDate = (value: unknown): value is Date => value instanceof Date;
export const types = { isDate };
export default { deprecate, inherits, types, isDate };
