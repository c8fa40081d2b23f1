// The builtins the tracer calls while the program runs, captured when the tracer loads (before any program code):
// a program that replaces Array.prototype.push, Map.prototype.set, Function.prototype.call / apply, JSON.stringify,
// Reflect's functions... neither counts the tracer's calls nor breaks it. Methods are "uncurried" as Node's own
// primordials are: `MapGet(map, key)` calls the original Map.prototype.get through the original Function.prototype.call.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Uncurried<F> = F extends (this: infer T, ...args: infer A) => infer R ? (self: T, ...args: A) => R : never;
const uncurryThis = Function.prototype.bind.bind(Function.prototype.call) as <F extends (this: any, ...args: any[]) => any>(fn: F) => Uncurried<F>;

export const ReflectApply = Reflect.apply;
export const ReflectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
export const ReflectGetPrototypeOf = Reflect.getPrototypeOf;
export const ObjectHasOwn = Object.hasOwn;
export const ArrayIsArray = Array.isArray;
export const JSONStringify = JSON.stringify;
export const JSONParse = JSON.parse;
export const MathMin = Math.min;
export const MathRound = Math.round;
export const StringCtor = String;
export const BufferFrom = Buffer.from.bind(Buffer) as typeof Buffer.from;

export const ArraySplice = uncurryThis(Array.prototype.splice as (this: unknown[], start: number, deleteCount?: number) => unknown[]) as <T>(array: T[], start: number, deleteCount?: number) => T[];
export const MapGet = uncurryThis(Map.prototype.get as (this: Map<unknown, unknown>, key: unknown) => unknown) as <K, V>(map: Map<K, V>, key: K) => V | undefined;
export const MapSet = uncurryThis(Map.prototype.set as (this: Map<unknown, unknown>, key: unknown, value: unknown) => Map<unknown, unknown>) as <K, V>(map: Map<K, V>, key: K, value: V) => Map<K, V>;
export const MapHas = uncurryThis(Map.prototype.has as (this: Map<unknown, unknown>, key: unknown) => boolean) as <K>(map: Map<K, unknown>, key: K) => boolean;
export const SetHas = uncurryThis(Set.prototype.has as (this: Set<unknown>, value: unknown) => boolean) as <T>(set: ReadonlySet<T>, value: T) => boolean;
export const SetAdd = uncurryThis(Set.prototype.add as (this: Set<unknown>, value: unknown) => Set<unknown>) as <T>(set: Set<T>, value: T) => Set<T>;
export const WeakMapGet = uncurryThis(WeakMap.prototype.get as (this: WeakMap<object, unknown>, key: object) => unknown) as <K extends object, V>(map: WeakMap<K, V>, key: K) => V | undefined;
export const WeakMapSet = uncurryThis(WeakMap.prototype.set as (this: WeakMap<object, unknown>, key: object, value: unknown) => WeakMap<object, unknown>) as <K extends object, V>(map: WeakMap<K, V>, key: K, value: V) => WeakMap<K, V>;
export const WeakSetHas = uncurryThis(WeakSet.prototype.has as (this: WeakSet<object>, value: object) => boolean) as <T extends object>(set: WeakSet<T>, value: T) => boolean;
export const WeakSetAdd = uncurryThis(WeakSet.prototype.add as (this: WeakSet<object>, value: object) => WeakSet<object>) as <T extends object>(set: WeakSet<T>, value: T) => WeakSet<T>;
export const StringStartsWith = uncurryThis(String.prototype.startsWith as (this: string, search: string) => boolean);
export const StringSlice = uncurryThis(String.prototype.slice as (this: string, start?: number, end?: number) => string);
export const StringLastIndexOf = uncurryThis(String.prototype.lastIndexOf as (this: string, search: string) => number);
export const StringIncludes = uncurryThis(String.prototype.includes as (this: string, search: string) => boolean);
export const RegExpExec = uncurryThis(RegExp.prototype.exec as (this: RegExp, s: string) => RegExpExecArray | null);

/** A stack of values with no builtin call (the async hooks push and pop on every callback). */
export function stackPush<T>(stack: T[], value: T): void {
  stack[stack.length] = value;
}
export function stackPop<T>(stack: T[]): T | undefined {
  if (stack.length === 0) return undefined;
  const value = stack[stack.length - 1];
  stack.length--;
  return value;
}
