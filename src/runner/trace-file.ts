// Writing and reading trace files, in either form: the compact binary one (`.lstrace`, src/core/trace-binary.ts) and
// JSON for interchange. Both are written part by part, so a million-event trace never exists as one giant string or
// buffer; reading tells the two apart by their first bytes (never by the name) and says what is wrong with a bad file.
import { openSync, writeSync, closeSync, readFileSync } from 'node:fs';
import type { Trace } from '../core/trace-format';
import { encodeTrace, parseTraceBytes, BinaryTrace } from '../core/trace-binary';

const CHUNK = 1 << 20;

/** Write to `path` through `fill`, which hands over the file's parts in order. */
function writeParts(path: string, fill: (write: (part: Uint8Array) => void) => void): void {
  const fd = openSync(path, 'w');
  try {
    fill((part) => {
      let off = 0;
      while (off < part.length) off += writeSync(fd, part, off, part.length - off);
    });
  } finally {
    closeSync(fd);
  }
}

/** The trace as JSON (docs/trace-format.md), element by element. */
export function writeTraceFile(path: string, trace: Trace): void {
  writeParts(path, (write) => {
    let pending: string[] = [];
    let size = 0;
    const flush = () => {
      if (pending.length === 0) return;
      write(Buffer.from(pending.join('')));
      pending = [];
      size = 0;
    };
    const out = (s: string) => {
      pending.push(s);
      size += s.length;
      if (size >= CHUNK) flush();
    };
    out('{');
    const keys = Object.keys(trace) as (keyof Trace)[];
    keys.forEach((key, k) => {
      out(`${k ? ',' : ''}${JSON.stringify(key)}:`);
      const value = trace[key];
      if (Array.isArray(value)) {
        out('[');
        for (let i = 0; i < value.length; i++) out((i ? ',' : '') + JSON.stringify(value[i]));
        out(']');
      } else out(JSON.stringify(value));
    });
    out('}');
    flush();
  });
}

/** The trace in the compact binary form (docs/trace-format.md, "The binary form"), table by table. */
export function writeBinaryTraceFile(path: string, trace: Trace): void {
  writeParts(path, (write) => encodeTrace(trace, write));
}

/** Read a file's bytes; errors say what is wrong in words (missing, a directory, not allowed). */
function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.code === 'EACCES' ? 'permission denied' : e.message;
    throw new Error(`${path}: ${why}`);
  }
}

/** Open a binary trace for reading by columns, without building its objects. */
export function openBinaryTraceFile(path: string): BinaryTrace {
  const bytes = readBytes(path);
  try {
    return new BinaryTrace(bytes);
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`);
  }
}

/** Read and validate a trace file of either form (told apart by its first bytes). */
export function readTraceFile(path: string): Trace {
  const bytes = readBytes(path);
  try {
    return parseTraceBytes(bytes);
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`);
  }
}
