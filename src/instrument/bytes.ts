// Bytes as the instrumenter handles them (cache entries, inline source maps), with the builtins of the realm it runs
// in (tracer/instrumenter-realm.ts): a Buffer that Node hands back is read through this realm's own typed-array
// methods, never through its prototype's (Buffer.prototype.toString, indexOf, %TypedArray%.prototype.subarray), which
// the traced program may have replaced.
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const getter = (key: string) => Object.getOwnPropertyDescriptor(TypedArrayPrototype, key)!.get!;
const call = Function.prototype.call;
const bufferOf = call.bind(getter('buffer')) as (bytes: Uint8Array) => ArrayBufferLike;
const offsetOf = call.bind(getter('byteOffset')) as (bytes: Uint8Array) => number;
const lengthOf = call.bind(getter('length')) as (bytes: Uint8Array) => number;
const indexOf = call.bind(Uint8Array.prototype.indexOf) as (bytes: Uint8Array, value: number, from?: number) => number;

/** bytes[start, end) as a view of this realm */
export function view(bytes: Uint8Array, start = 0, end = lengthOf(bytes)): Uint8Array {
  return new Uint8Array(bufferOf(bytes), offsetOf(bytes) + start, end - start);
}

export const byteLength = lengthOf;

/** where `value` first is in `bytes`, or -1 */
export const indexOfByte = (bytes: Uint8Array, value: number): number => indexOf(bytes, value);

export const utf8Encode = (text: string): Uint8Array => new TextEncoder().encode(text);
export const utf8Decode = (bytes: Uint8Array, start?: number, end?: number): string => new TextDecoder().decode(view(bytes, start, end));

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** `text`'s UTF-8 bytes in base64 (an inline source map) */
export function base64OfText(text: string): string {
  const b = utf8Encode(text);
  const n = lengthOf(b);
  const out: string[] = [];
  let chunk = '';
  for (let i = 0; i < n; i += 3) {
    const x = (b[i] << 16) | ((i + 1 < n ? b[i + 1] : 0) << 8) | (i + 2 < n ? b[i + 2] : 0);
    chunk += BASE64[(x >> 18) & 63] + BASE64[(x >> 12) & 63] + (i + 1 < n ? BASE64[(x >> 6) & 63] : '=') + (i + 2 < n ? BASE64[x & 63] : '=');
    if (chunk.length >= 8192) {
      out[out.length] = chunk;
      chunk = '';
    }
  }
  out[out.length] = chunk;
  return out.join('');
}
