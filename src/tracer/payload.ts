// A message's payload by its shape (src/core/raw-events.ts PAYLOAD_TYPES): its type and size, told from V8's own
// checks and builtin getters captured when the tracer loaded, so no getter, Proxy trap or patched builtin of the
// program runs, and nothing of the content is read.
import { types } from 'node:util';
import workerThreads from 'node:worker_threads';
import { payloadType } from '../core/raw-events';
import { ArrayIsArray, ReflectApply, ReflectGetOwnPropertyDescriptor, ReflectGetPrototypeOf } from './primordials';

// (looked up when the tracer loads, before any program code)
const code = (name: string): number => {
  const i = payloadType(name);
  if (i < 0) throw new Error(`no payload type ${name}`);
  return i;
};
const getter = (proto: object, key: string) => ReflectGetOwnPropertyDescriptor(proto, key)!.get!;
const {
  isProxy, isArrayBuffer, isSharedArrayBuffer, isTypedArray, isDataView, isMap, isSet, isDate, isRegExp, isNativeError,
} = types;
const byteLength = {
  ArrayBuffer: getter(ArrayBuffer.prototype, 'byteLength'),
  SharedArrayBuffer: getter(SharedArrayBuffer.prototype, 'byteLength'),
  typed: getter(ReflectGetPrototypeOf(Uint8Array.prototype) as object, 'byteLength'),
  DataView: getter(DataView.prototype, 'byteLength'),
};
const mapSize = getter(Map.prototype, 'size');
const setSize = getter(Set.prototype, 'size');
const ObjectKeys = Object.keys;
const MessagePortClass = workerThreads.MessagePort as unknown as object;
const InstanceOf = Function.prototype[Symbol.hasInstance];

const C = {
  unknown: code('unknown'), undefined: code('undefined'), null: code('null'), boolean: code('boolean'), number: code('number'),
  bigint: code('bigint'), string: code('string'), array: code('array'), object: code('object'), ArrayBuffer: code('ArrayBuffer'),
  SharedArrayBuffer: code('SharedArrayBuffer'), typed: code('typed array'), DataView: code('DataView'), Map: code('Map'),
  Set: code('Set'), Date: code('Date'), RegExp: code('RegExp'), Error: code('Error'), MessagePort: code('MessagePort'), other: code('other'),
};

/** [type code, size or -1] of a value about to be sent. */
export function payloadShape(v: unknown): [number, number] {
  try {
    if (v === undefined) return [C.undefined, -1];
    if (v === null) return [C.null, -1];
    switch (typeof v) {
      case 'boolean':
        return [C.boolean, -1];
      case 'number':
        return [C.number, -1];
      case 'bigint':
        return [C.bigint, -1];
      case 'string':
        return [C.string, v.length];
      case 'object':
        break;
      default:
        return [C.other, -1];
    }
    // a Proxy: its traps are the program's code, so nothing more is asked of it
    if (isProxy(v)) return [C.object, -1];
    // an array's length is its own data property
    if (ArrayIsArray(v)) return [C.array, (v as unknown[]).length];
    if (isArrayBuffer(v)) return [C.ArrayBuffer, ReflectApply(byteLength.ArrayBuffer, v, []) as number];
    if (isSharedArrayBuffer(v)) return [C.SharedArrayBuffer, ReflectApply(byteLength.SharedArrayBuffer, v, []) as number];
    if (isTypedArray(v)) return [C.typed, ReflectApply(byteLength.typed, v, []) as number];
    if (isDataView(v)) return [C.DataView, ReflectApply(byteLength.DataView, v, []) as number];
    if (isMap(v)) return [C.Map, ReflectApply(mapSize, v, []) as number];
    if (isSet(v)) return [C.Set, ReflectApply(setSize, v, []) as number];
    if (isDate(v)) return [C.Date, -1];
    if (isRegExp(v)) return [C.RegExp, -1];
    if (isNativeError(v)) return [C.Error, -1];
    if (ReflectApply(InstanceOf, MessagePortClass, [v])) return [C.MessagePort, -1];
    // the keys structured clone copies: own enumerable string keys (no getter runs to list them)
    return [C.object, ObjectKeys(v).length];
  } catch {
    return [C.unknown, -1];
  }
}
