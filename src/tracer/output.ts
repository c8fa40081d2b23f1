// Output capture: every write to fd 1 and 2 the program makes, by any route (process.stdout / stderr and console,
// fs.writeSync / fs.write / fs.writev / fs.writeFile to fd 1 or 2), as the bytes that reach the fd, decoded as UTF-8
// across writes (a character split over two writes is one character). Nothing the program can see changes: the
// wrappers pass every argument through, keep each function's name and length, and the stream wrappers are not
// enumerable.
import fs from 'node:fs';
import Module from 'node:module';
import { BufferFrom, ReflectApply, SetHas } from './primordials';

export type Stream = 'stdout' | 'stderr';

export interface OutputSink {
  /** true while the tracer itself works: writes then are its own */
  busy(): boolean;
  /** around a stream's real write: what the stream does inside (write requests, handles) is not the program's step */
  enter(): void;
  leave(): void;
  /** one write, decoded; `text` may be '' when the write ended inside a UTF-8 character */
  write(stream: Stream, text: string): void;
}

/** Bytes at the end of `bytes` that start a UTF-8 character not yet complete. */
function incompleteTail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const b = bytes[n - k];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 && b <= 0xf7 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

const UTF8 = new Set([undefined, 'utf8', 'utf-8', 'UTF8', 'UTF-8']);

class Utf8Stream {
  private carry: Buffer | null = null;

  /** a string written with a UTF-8 encoding: no bytes needed unless a character is pending */
  text(s: string): string {
    if (this.carry === null) return s;
    return this.bytes(BufferFrom(s, 'utf8'));
  }

  bytes(chunk: Uint8Array): string {
    let data = BufferFrom(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.carry !== null) {
      data = Buffer.concat([this.carry, data]);
      this.carry = null;
    }
    const tail = incompleteTail(data);
    if (tail > 0) this.carry = BufferFrom(data.subarray(data.length - tail));
    return data.toString('utf8', 0, data.length - tail);
  }

  /** at exit: a character never completed prints as U+FFFD, as any UTF-8 decoder shows it */
  end(): string {
    const rest = this.carry;
    this.carry = null;
    return rest === null ? '' : rest.toString('utf8');
  }
}

const isBytes = (x: unknown): x is Uint8Array => x instanceof Uint8Array;
const asBytes = (x: unknown): Uint8Array | null => (isBytes(x) ? x : ArrayBuffer.isView(x) ? new Uint8Array(x.buffer, x.byteOffset, x.byteLength) : null);

/** Replace obj[name] by what `make` returns, keeping the original's name, length and enumerability. */
function wrap<T extends object>(obj: T, name: string, make: (original: (...a: unknown[]) => unknown) => (this: unknown, ...a: never[]) => unknown, enumerable?: boolean): void {
  const original = (obj as Record<string, unknown>)[name];
  if (typeof original !== 'function') return;
  const wrapper = make(original as (...a: unknown[]) => unknown);
  Object.defineProperty(wrapper, 'length', { value: (original as { length: number }).length });
  Object.defineProperty(wrapper, 'name', { value: (original as { name: string }).name });
  const own = Object.getOwnPropertyDescriptor(obj, name);
  Object.defineProperty(obj, name, {
    value: wrapper,
    writable: true,
    configurable: true,
    enumerable: enumerable ?? own?.enumerable ?? false,
  });
}

export function captureOutput(sink: OutputSink): { flush(): void } {
  const decoders: Record<Stream, Utf8Stream> = { stdout: new Utf8Stream(), stderr: new Utf8Stream() };
  const streamOfFd = (fd: unknown): Stream | null => (fd === 1 ? 'stdout' : fd === 2 ? 'stderr' : null);

  const emitText = (stream: Stream, s: string) => {
    const text = decoders[stream].text(s);
    if (text !== '') sink.write(stream, text);
  };
  const emitBytes = (stream: Stream, b: Uint8Array) => {
    if (b.byteLength === 0) return;
    const text = decoders[stream].bytes(b);
    if (text !== '') sink.write(stream, text);
  };
  /** a string in some encoding (a Buffer encoding name; UTF-8 without a copy) */
  const emitString = (stream: Stream, s: string, encoding: unknown) => {
    if (s.length === 0) return;
    if (SetHas(UTF8, encoding as string)) emitText(stream, s);
    else emitBytes(stream, BufferFrom(s, encoding as BufferEncoding));
  };

  // Writes nested inside one already captured (a stream writing through fs.writeSync, writeFileSync looping over
  // writeSync) count once: the outermost call is the program's.
  let nested = 0;
  const capturing = () => nested === 0 && !sink.busy();
  const through = (fn: (...a: unknown[]) => unknown, self: unknown, args: unknown[], hide = false) => {
    nested++;
    if (hide) sink.enter();
    try {
      return ReflectApply(fn, self, args);
    } finally {
      nested--;
      if (hide) sink.leave();
    }
  };

  // ---- process.stdout / process.stderr: write(chunk[, encoding][, cb]) and end(chunk[, encoding][, cb]) --------
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name] as NodeJS.WriteStream & { _writableState?: { defaultEncoding?: string; objectMode?: boolean } };
    const capture = (chunk: unknown, encoding: unknown) => {
      if (!capturing() || chunk == null) return;
      try {
        if (typeof chunk === 'string') {
          const enc = typeof encoding === 'string' ? encoding : stream._writableState?.defaultEncoding ?? 'utf8';
          emitString(name, chunk, enc === 'buffer' ? 'utf8' : enc);
        } else {
          const bytes = asBytes(chunk);
          if (bytes) emitBytes(name, bytes);
        }
      } catch {
        /* the program's write fails on its own (bad encoding, bad chunk): nothing reached the fd */
      }
    };
    // the hot path of a program that prints: no rest arguments, no array
    wrap(
      stream,
      'write',
      (original) =>
        function (this: unknown, chunk: unknown, encoding?: unknown) {
          if (this === stream) capture(chunk, encoding);
          nested++;
          sink.enter();
          try {
            // eslint-disable-next-line prefer-rest-params
            return ReflectApply(original, this, arguments);
          } finally {
            nested--;
            sink.leave();
          }
        },
      false,
    );
    wrap(
      stream,
      'end',
      (original) =>
        function (this: unknown, ...args: unknown[]) {
          if (this === stream && typeof args[0] !== 'function') capture(args[0], args[1]);
          return through(original, this, args, true);
        },
      false,
    );
  }

  // ---- fs: writes straight to fd 1 and 2 ---------------------------------------------------------------------
  const fsm = fs as unknown as Record<string, unknown>;
  // writeSync(fd, buffer[, offset[, length[, position]]]) | (fd, buffer, options) | (fd, string[, position[, encoding]])
  wrap(fsm, 'writeSync', (original) =>
    function (this: unknown, fd: unknown, data: unknown, ...rest: unknown[]) {
      const stream = capturing() ? streamOfFd(fd) : null;
      const written = through(original, this, [fd, data, ...rest]);
      if (stream && typeof written === 'number') {
        try {
          if (typeof data === 'string') {
            const enc = typeof rest[1] === 'string' ? rest[1] : 'utf8';
            const bytes = BufferFrom(data, enc as BufferEncoding);
            if (written >= bytes.length && SetHas(UTF8, enc)) emitText(stream, data);
            else emitBytes(stream, bytes.subarray(0, written));
          } else {
            const bytes = asBytes(data);
            if (bytes) {
              const opts = rest[0] !== null && typeof rest[0] === 'object' ? (rest[0] as { offset?: number }) : null;
              const offset = (opts ? opts.offset : (rest[0] as number | undefined)) ?? 0;
              emitBytes(stream, bytes.subarray(offset, offset + written));
            }
          }
        } catch {
          /* never disturb the program */
        }
      }
      return written;
    },
  );
  // write(fd, buffer, offset, length, position, cb) | (fd, buffer[, options], cb) | (fd, string[, position[, encoding]], cb)
  wrap(fsm, 'write', (original) =>
    function (this: unknown, fd: unknown, data: unknown, ...rest: unknown[]) {
      const stream = capturing() ? streamOfFd(fd) : null;
      if (stream) {
        try {
          if (typeof data === 'string') {
            emitString(stream, data, typeof rest[1] === 'string' ? rest[1] : 'utf8');
          } else {
            const bytes = asBytes(data);
            if (bytes) {
              let offset = 0;
              let length: number | undefined;
              if (rest[0] !== null && typeof rest[0] === 'object') ({ offset = 0, length } = rest[0] as { offset?: number; length?: number });
              else if (typeof rest[0] === 'number') {
                offset = rest[0];
                if (typeof rest[1] === 'number') length = rest[1];
              }
              emitBytes(stream, bytes.subarray(offset, length === undefined ? undefined : offset + length));
            }
          }
        } catch {
          /* never disturb the program */
        }
      }
      return through(original, this, [fd, data, ...rest]);
    },
  );
  // writev(fd, buffers[, position], cb) and writevSync(fd, buffers[, position])
  for (const name of ['writev', 'writevSync']) {
    wrap(fsm, name, (original) =>
      function (this: unknown, fd: unknown, buffers: unknown, ...rest: unknown[]) {
        const stream = capturing() ? streamOfFd(fd) : null;
        if (stream && Array.isArray(buffers)) {
          try {
            for (const b of buffers) {
              const bytes = asBytes(b);
              if (bytes) emitBytes(stream, bytes);
            }
          } catch {
            /* never disturb the program */
          }
        }
        return through(original, this, [fd, buffers, ...rest]);
      },
    );
  }
  // writeFile / writeFileSync / appendFile / appendFileSync(fd, data[, options]) with fd 1 or 2
  for (const name of ['writeFileSync', 'appendFileSync', 'writeFile', 'appendFile']) {
    wrap(fsm, name, (original) =>
      function (this: unknown, file: unknown, data: unknown, ...rest: unknown[]) {
        const stream = capturing() ? streamOfFd(file) : null;
        if (stream) {
          try {
            const opts = rest[0];
            const enc = typeof opts === 'string' ? opts : opts !== null && typeof opts === 'object' ? ((opts as { encoding?: string }).encoding ?? 'utf8') : 'utf8';
            if (typeof data === 'string') emitString(stream, data, enc);
            else {
              const bytes = asBytes(data);
              if (bytes) emitBytes(stream, bytes);
            }
          } catch {
            /* never disturb the program */
          }
        }
        return through(original, this, [file, data, ...rest]);
      },
    );
  }
  // ES modules importing node:fs see the wrappers too
  (Module as unknown as { syncBuiltinESMExports?: () => void }).syncBuiltinESMExports?.();

  return {
    /** a character still incomplete when the program ends */
    flush() {
      for (const stream of ['stdout', 'stderr'] as const) {
        const rest = decoders[stream].end();
        if (rest !== '') sink.write(stream, rest);
      }
    },
  };
}
