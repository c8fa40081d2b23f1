// Writing and reading trace files. Writing streams element by element, so a million-event trace never exists as one
// giant string; reading validates and explains what is wrong with a bad file.
import { openSync, writeSync, closeSync, readFileSync } from 'node:fs';
import { parseTrace, type Trace } from '../core/trace-format';

const CHUNK = 1 << 20;

export function writeTraceFile(path: string, trace: Trace): void {
  const fd = openSync(path, 'w');
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const buf = Buffer.from(pending.join(''));
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    pending = [];
    size = 0;
  };
  const out = (s: string) => {
    pending.push(s);
    size += s.length;
    if (size >= CHUNK) flush();
  };
  try {
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
  } finally {
    closeSync(fd);
  }
}

/** Read and validate a trace file; errors say what is wrong in words (missing, not a trace, cut short). */
export function readTraceFile(path: string): Trace {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.code === 'EACCES' ? 'permission denied' : e.message;
    throw new Error(`${path}: ${why}`);
  }
  try {
    return parseTrace(text);
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`);
  }
}
