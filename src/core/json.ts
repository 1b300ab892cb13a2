/**
 * Reading untrusted JSON (manifests, feeds) without trusting prototypes: a
 * page that adds `Object.prototype.title` must not give every record a title.
 */
export type Json = Record<string, unknown>;

export const isArray = Array.isArray;
const OBJECT = Object.prototype;
const hasOwn = OBJECT.hasOwnProperty;
export const own = (obj: object, key: PropertyKey): boolean => hasOwn.call(obj, key);
export const isObject = (value: unknown): value is Json => typeof value == 'object' && value !== null && !isArray(value);
export const isString = (value: unknown): value is string => typeof value == 'string';
export const isNumber = (value: unknown): value is number => typeof value == 'number';

/**
 * `obj[key]`, but never from `Object.prototype` or `Array.prototype`.
 * Getters on a class's own prototype still count, for programmatic callers.
 */
export function read(obj: object, key: string): unknown {
  for (let o: object | null = obj; o && o !== OBJECT && o !== Array.prototype; o = Object.getPrototypeOf(o)) {
    if (own(o, key)) return (obj as Json)[key];
  }
}
