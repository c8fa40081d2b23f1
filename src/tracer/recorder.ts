// Fixed-size event records in a preallocated Int32Array, flushed to events.bin with blocking writes: no per-event
// allocation, no JSON and no strings in the hot path (the notes measured those as what makes tracers slow).
import * as fs from 'node:fs';
import { join } from 'node:path';
import { RECORD_INTS, threadFiles, type MetaRecord } from '../core/raw-events';
import { BufferFrom, JSONStringify } from './primordials';

// the program's output capture wraps fs.writeSync, and a program may replace it: the tracer writes with the original
const { writeSync, closeSync } = fs;

const CAPACITY = 1 << 15; // events per chunk (1 MiB)

export class Recorder {
  private readonly buffer = new Int32Array(CAPACITY * RECORD_INTS);
  private used = 0;
  private readonly eventsFd: number;
  private readonly metaFd: number;
  /** events recorded so far (written or buffered) */
  count = 0;
  /** when true every record is written through at once: the process is exiting */
  writeThrough = false;
  private closed = false;

  /** `thread`: the thread recorded (0 the main thread; a worker writes its own pair of files) */
  constructor(dir: string, thread = 0) {
    const files = threadFiles(thread);
    this.eventsFd = fs.openSync(join(dir, files.events), 'w');
    this.metaFd = fs.openSync(join(dir, files.meta), 'w');
  }

  push(kind: number, a: number, b: number, c: number, d: number, e: number, time: number): void {
    if (this.closed) return;
    // a flush that failed (a stack overflow of the program reached into it) is retried before the buffer overflows
    if (this.used >= CAPACITY) this.flush();
    const buf = this.buffer;
    let i = this.used * RECORD_INTS;
    buf[i++] = kind;
    buf[i++] = a;
    buf[i++] = b;
    buf[i++] = c;
    buf[i++] = d;
    buf[i++] = e;
    buf[i] = time;
    this.count++;
    if (++this.used >= CAPACITY || this.writeThrough) this.flush();
  }

  get buffered(): number {
    return this.used;
  }

  flush(): void {
    if (this.used === 0 || this.closed) return;
    const bytes = new Uint8Array(this.buffer.buffer, 0, this.used * RECORD_INTS * 4);
    let off = 0;
    while (off < bytes.length) off += writeSync(this.eventsFd, bytes, off, bytes.length - off);
    this.buffer.fill(0, 0, this.used * RECORD_INTS);
    this.used = 0;
  }

  meta(record: MetaRecord): void {
    if (this.closed) return;
    const line = BufferFrom(JSONStringify(record) + '\n');
    let off = 0;
    while (off < line.length) off += writeSync(this.metaFd, line, off, line.length - off);
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    closeSync(this.eventsFd);
    closeSync(this.metaFd);
  }
}
