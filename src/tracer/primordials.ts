// The builtins the tracer calls while the program runs, captured when the tracer loads (before any program code):
// a program that replaces Array.prototype.push, Map.prototype.set, Function.prototype.call / apply, JSON.stringify,
// Reflect's functions... neither counts the tracer's calls nor breaks it. Methods are "uncurried" as Node's own
// primordials are: `MapGet(map, key)` calls the original Map.prototype.get through the original Function.prototype.call.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Uncurried<F> = F extends (this: infer T, ...args: infer A) => infer R ? (self: T, ...args: A) => R : never;
export const uncurryThis = Function.prototype.bind.bind(Function.prototype.call) as <F extends (this: any, ...args: any[]) => any>(fn: F) => Uncurried<F>;

export const ReflectApply = Reflect.apply;
export const ReflectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
export const ReflectGetPrototypeOf = Reflect.getPrototypeOf;
export const ObjectHasOwn = Object.hasOwn;
export const OriginalPromise = Promise;
export const PromisePrototype = Promise.prototype;
export const ArrayIsArray = Array.isArray;
export const JSONStringify = JSON.stringify;
export const JSONParse = JSON.parse;
export const MathMin = Math.min;
export const MathRound = Math.round;
export const StringCtor = String;
export const BufferFrom = Buffer.from.bind(Buffer) as typeof Buffer.from;
export const Uint8ArrayCtor = Uint8Array;
export const Int32ArrayCtor = Int32Array;
/** %TypedArray%.prototype.set */
export const TypedArraySet = uncurryThis((Reflect.getPrototypeOf(Uint8Array.prototype) as Uint8Array).set as (this: Uint8Array, source: ArrayLike<number>, offset?: number) => void) as (
  target: Uint8Array | Int32Array,
  source: ArrayLike<number>,
  offset?: number,
) => void;

export const ArraySplice = uncurryThis(Array.prototype.splice as (this: unknown[], start: number, deleteCount?: number) => unknown[]) as <T>(array: T[], start: number, deleteCount?: number) => T[];
export const MapGet = uncurryThis(Map.prototype.get as (this: Map<unknown, unknown>, key: unknown) => unknown) as <K, V>(map: Map<K, V>, key: K) => V | undefined;
export const MapSet = uncurryThis(Map.prototype.set as (this: Map<unknown, unknown>, key: unknown, value: unknown) => Map<unknown, unknown>) as <K, V>(map: Map<K, V>, key: K, value: V) => Map<K, V>;
export const MapHas = uncurryThis(Map.prototype.has as (this: Map<unknown, unknown>, key: unknown) => boolean) as <K>(map: Map<K, unknown>, key: K) => boolean;
export const SetHas = uncurryThis(Set.prototype.has as (this: Set<unknown>, value: unknown) => boolean) as <T>(set: ReadonlySet<T>, value: T) => boolean;
export const SetAdd = uncurryThis(Set.prototype.add as (this: Set<unknown>, value: unknown) => Set<unknown>) as <T>(set: Set<T>, value: T) => Set<T>;
export const WeakSetHas = uncurryThis(WeakSet.prototype.has as (this: WeakSet<object>, value: object) => boolean) as <T extends object>(set: WeakSet<T>, value: T) => boolean;
export const WeakSetAdd = uncurryThis(WeakSet.prototype.add as (this: WeakSet<object>, value: object) => WeakSet<object>) as <T extends object>(set: WeakSet<T>, value: T) => WeakSet<T>;
export const StringStartsWith = uncurryThis(String.prototype.startsWith as (this: string, search: string) => boolean);
export const StringEndsWith = uncurryThis(String.prototype.endsWith as (this: string, search: string) => boolean);
export const StringSlice = uncurryThis(String.prototype.slice as (this: string, start?: number, end?: number) => string);
export const StringLastIndexOf = uncurryThis(String.prototype.lastIndexOf as (this: string, search: string) => number);
export const StringIncludes = uncurryThis(String.prototype.includes as (this: string, search: string) => boolean);
export const RegExpExec = uncurryThis(RegExp.prototype.exec as (this: RegExp, s: string) => RegExpExecArray | null);

/**
 * Collections for the hot paths (an identity per object and per key, on every shared-state access): the class holds
 * its own copies of Map's (WeakMap's) methods, taken when the tracer started, as Node's SafeMap does; calls on it
 * are plain method calls, no slower than a Map's, and a program that replaces Map.prototype.get does not reach them.
 */
function makeSafe<T extends object>(unsafe: { prototype: object }, safe: T): T {
  const proto = (safe as unknown as { prototype: object }).prototype;
  for (const key of Reflect.ownKeys(unsafe.prototype)) {
    if (key !== 'constructor') Reflect.defineProperty(proto, key, Reflect.getOwnPropertyDescriptor(unsafe.prototype, key)!);
  }
  return safe;
}
export const SafeMap = makeSafe(Map, class SafeMap<K, V> extends Map<K, V> {});
export const SafeWeakMap = makeSafe(WeakMap, class SafeWeakMap<K extends object, V> extends WeakMap<K, V> {});
