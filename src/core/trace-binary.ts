// The compact trace file (`.lstrace`): one writer and one reader of the binary form of a `Trace`, documented in
// docs/trace-format.md. Pure (typed arrays, TextEncoder/TextDecoder): the CLI, the extension and the webview share it.
//
// Layout (little-endian, every part aligned to 8 bytes so columns are typed-array views over the file):
//   header   magic (8 bytes) | version u32 | reserved u32
//   sections name (4 ASCII bytes) | reserved u32 | payload length (u32 low, u32 high) | payload | padding
//   ...      PROG (the program as JSON text), one section per table (TASK, CORO, ...), STRS (the string table), END
// A table is `rows u32 | columns u32`, then per column `name (string index) u32 | type u8 | has-missing u8 | 0 u16`,
// a bitmap of present rows when some are missing, and the values as one typed array of the narrowest type that holds
// them all. Strings (texts, labels, file paths) are stored once in STRS and referenced by index; source places
// ({file, line, column}) once in the SRCS table and referenced by row.
import { TRACE_FORMAT, TRACE_VERSION, TraceFormatError, validateTrace, parseTrace, type Trace, type SourceSite } from './trace-format';

/** The first bytes of a binary trace: not text (0x89), "LST", then CR LF, EOF, LF to reveal a file mangled as text. */
export const BINARY_MAGIC = Uint8Array.of(0x89, 0x4c, 0x53, 0x54, 0x0d, 0x0a, 0x1a, 0x0a);
/** The binary format's version (version 1 holds a `Trace` of version 1). */
export const BINARY_VERSION = 1;
export const BINARY_EXTENSION = '.lstrace';

/**
 * How a field is stored: a number, a string (index into the string table; `text`: one that is mostly unique, such as
 * a step's sentence, stored without looking it up among all others), a source place (row of `sources`), `true`
 * or absent, any JSON value as text, or the number of rows of a child table (`awaits` of a coroutine). `|null` and `?`
 * say what a missing value means: null, or the key is absent.
 */
type FieldKind = 'num' | 'num|null' | 'num?' | 'str' | 'text' | 'str|null' | 'str?' | 'true?' | 'src' | 'src|null' | 'json?' | 'rows';
interface Field {
  key: string;
  /** a field of an object-valued key: `from.thread` */
  sub?: string;
  kind: FieldKind;
  /** kind 'rows': the child table */
  child?: TableName;
}
export type TableName = 'tasks' | 'coroutines' | 'awaits' | 'output' | 'queueItems' | 'steps' | 'sites' | 'findings' | 'findingSites' | 'threads' | 'messages' | 'sources';

const f = (key: string, kind: FieldKind, child?: TableName): Field => ({ key, kind, ...(child ? { child } : {}) });
const sub = (key: string, s: string, kind: FieldKind): Field => ({ key, sub: s, kind });
const place = [f('file', 'str'), f('line', 'num'), f('column', 'num')];

/** The tables, one per array of `Trace` (and the rows nested in them), with their section names and columns. */
const TABLES: Record<TableName, { section: string; fields: Field[] }> = {
  sources: { section: 'SRCS', fields: place },
  tasks: {
    section: 'TASK',
    fields: [
      f('id', 'num'), f('queue', 'str'), f('label', 'text'), f('source', 'src|null'), f('scheduledBy', 'num|null'), f('enqueuedAt', 'num|null'),
      f('startStep', 'num'), f('endStep', 'num'), f('startTime', 'num'), f('duration', 'num'), f('resourceType', 'str'),
      f('resumes', 'num?'), f('enqueueInferred', 'true?'), f('internal', 'true?'), f('thread', 'num?'),
    ],
  },
  coroutines: {
    section: 'CORO',
    fields: [
      f('id', 'num'), f('name', 'text'), f('kind', 'str'), f('source', 'src'), f('startTask', 'num'), f('startStep', 'num'), f('endStep', 'num|null'),
      f('awaits', 'rows', 'awaits'), f('thread', 'num?'),
    ],
  },
  awaits: { section: 'AWAI', fields: [f('source', 'src'), f('suspendTask', 'num'), f('resumeTask', 'num|null'), f('suspendStep', 'num'), f('resumeStep', 'num|null')] },
  output: {
    section: 'OUTP',
    fields: [f('stream', 'str'), f('text', 'text'), f('task', 'num|null'), f('step', 'num'), f('source', 'src|null'), f('truncated', 'true?'), f('thread', 'num?'), f('piped', 'true?')],
  },
  queueItems: {
    section: 'QUEU',
    fields: [
      f('id', 'num'), f('queue', 'str'), f('label', 'str'), f('task', 'num|null'), f('enterStep', 'num'), f('leaveStep', 'num|null'), f('source', 'src|null'),
      f('due', 'num?'), f('inferred', 'true?'), f('internal', 'true?'),
    ],
  },
  steps: { section: 'STEP', fields: [f('kind', 'str'), f('task', 'num'), f('site', 'num'), f('coroutine', 'num'), f('text', 'text'), f('depth', 'num'), f('queue', 'str?')] },
  sites: { section: 'SITE', fields: [...place, f('kind', 'str'), f('name', 'str?'), f('after', 'num?')] },
  findings: {
    section: 'FIND',
    fields: [f('kind', 'str'), f('message', 'str'), f('location', 'str?'), f('coroutines', 'json?'), f('sites', 'rows', 'findingSites'), f('steps', 'json?')],
  },
  findingSites: { section: 'FSIT', fields: [...place, f('role', 'str'), f('step', 'num?')] },
  threads: { section: 'THRD', fields: [f('id', 'num'), f('kind', 'str'), f('name', 'str'), f('parent', 'num|null'), f('entry', 'str|null'), f('exitCode', 'num?')] },
  messages: {
    section: 'MESG',
    fields: [
      f('id', 'num'), f('channel', 'str'),
      sub('from', 'thread', 'num'), sub('from', 'task', 'num'), sub('from', 'step', 'num'),
      sub('to', 'thread', 'num'), sub('to', 'task', 'num|null'), sub('to', 'step', 'num|null'),
      f('site', 'num?'), f('dropped', 'true?'), f('replyListener', 'true?'),
    ],
  },
};
/** The section of each table (docs/trace-format.md names each; test/unit/trace-format.test.ts checks it). */
export const BINARY_SECTIONS: readonly string[] = ['PROG', ...Object.values(TABLES).map((t) => t.section), 'STRS', 'END '];
/** The tables of `Trace` itself, in file order (child tables and `sources` follow), which is also the order of the
 * model's keys, so the JSON written from a binary trace is the JSON written from the model, byte for byte. */
const TOP: readonly (keyof Trace & TableName)[] = ['tasks', 'coroutines', 'output', 'queueItems', 'steps', 'sites', 'threads', 'messages', 'findings'];
const TABLE_ORDER: readonly TableName[] = [...TOP, 'awaits', 'findingSites', 'sources'];
/** the column holding, as JSON text, what a row has beyond its table's fields (kept, so nothing is lost) */
const EXTRA = '+';

// column value types; the writer picks the narrowest that holds every value of the column exactly
const NONE = 0;
const TYPES = [
  { name: 'none', width: 0, min: 0, max: 0 },
  { name: 'u8', width: 1, min: 0, max: 0xff },
  { name: 'i8', width: 1, min: -0x80, max: 0x7f },
  { name: 'u16', width: 2, min: 0, max: 0xffff },
  { name: 'i16', width: 2, min: -0x8000, max: 0x7fff },
  { name: 'u32', width: 4, min: 0, max: 0xffffffff },
  { name: 'i32', width: 4, min: -0x80000000, max: 0x7fffffff },
  { name: 'f64', width: 8, min: -Infinity, max: Infinity },
] as const;
const F64 = 7;
type Values = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float64Array;
const ARRAYS = [null, Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float64Array] as const;

const pad8 = (n: number) => Math.ceil(n / 8) * 8;
// typed arrays use the machine's byte order; the file is little-endian (every machine Node runs on but s390x)
const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
const requireLittleEndian = () => {
  if (!littleEndian) throw new TraceFormatError('the binary trace format is read and written on little-endian machines only: use --json here');
};
const sectionName = (s: string) => [...s].map((c) => c.charCodeAt(0));

// ---------------------------------------------------------------------------------------------------------------
// Writing

/** A part of the file, in order; the caller writes it out (to a file, or copies it): it is valid only during the call. */
export type Sink = (chunk: Uint8Array) => void;

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Write `trace` in the binary form, part by part: each table's columns are built in one reused buffer and handed to
 * `sink` before the next table is read, so at most one table's columns (a few bytes per row) exist besides the trace.
 */
export function encodeTrace(trace: Trace, sink: Sink): void {
  // about one string per step, task, coroutine and output at most: made that long at once (growing an array of a
  // million leaves its earlier copies to a full collection)
  const strings: string[] = new Array<string>(trace.steps.length + trace.tasks.length + trace.coroutines.length + trace.output.length + 1024);
  let count = 0;
  const stringIds = new Map<string, number>();
  const str = (s: string) => {
    let id = stringIds.get(s);
    if (id === undefined) {
      id = count++;
      strings[id] = s;
      stringIds.set(s, id);
    }
    return id;
  };
  // texts that are mostly unique are not looked up among all strings (a map of every step's sentence costs more
  // memory than their repeats cost bytes); a repeat of a recent one of the same length is still stored once
  const recent: (string | undefined)[] = new Array(256);
  const recentIds = new Uint32Array(256);
  const text = (s: string) => {
    const k = s.length & 255;
    if (recent[k] === s) return recentIds[k];
    const id = count++;
    strings[id] = s;
    recent[k] = s;
    recentIds[k] = id;
    return id;
  };
  const sources: SourceSite[] = [];
  // one row per distinct place: by file, then by line and column as one number (a string key when they are unusual)
  const sourceIds = new Map<number, Map<number | string, number>>();
  const src = (s: SourceSite) => {
    const file = str(s.file);
    let places = sourceIds.get(file);
    if (!places) sourceIds.set(file, (places = new Map()));
    const key = Number.isInteger(s.line) && Number.isInteger(s.column) && s.line >= 0 && s.column >= 0 && s.column < 1e6 && s.line < 1e9 ? s.line * 1e6 + s.column : `${s.line}:${s.column}`;
    let id = places.get(key);
    if (id === undefined) {
      id = sources.length;
      sources.push({ file: s.file, line: s.line, column: s.column });
      places.set(key, id);
    }
    return id;
  };
  const isSource = (v: unknown): v is SourceSite =>
    isPlain(v) && typeof v.file === 'string' && typeof v.line === 'number' && typeof v.column === 'number' && Object.keys(v).length === 3;

  requireLittleEndian();
  const header = new Uint8Array(16);
  header.set(BINARY_MAGIC);
  new DataView(header.buffer).setUint32(8, BINARY_VERSION, true);
  sink(header);
  const section = (name: string, parts: Iterable<Uint8Array>, length = [...(parts as Uint8Array[])].reduce((n, p) => n + p.length, 0)) => {
    const h = new Uint8Array(16);
    h.set(sectionName(name));
    const view = new DataView(h.buffer);
    view.setUint32(8, length % 2 ** 32, true);
    view.setUint32(12, Math.floor(length / 2 ** 32), true);
    sink(h);
    let written = 0;
    for (const p of parts) {
      sink(p);
      written += p.length;
    }
    if (written !== length) throw new Error(`section ${name}: ${written} bytes written, ${length} announced`);
    if (pad8(length) !== length) sink(new Uint8Array(pad8(length) - length));
  };

  const program = new TextEncoder().encode(JSON.stringify(trace.program));
  section('PROG', [program]);

  const children: Partial<Record<TableName, Record<string, unknown>[]>> = {};
  // one buffer for a table's bytes, one for a column's values and one for its bitmap, reused table after table
  const out = new Scratch();
  let values = new Float64Array(0);
  let bitmap = new Uint8Array(0);
  // the rows' values, one array per key of a table (what a row lacks stays undefined), reused table after table
  const cells: unknown[][] = [];
  const table = (name: TableName, rows: readonly unknown[]) => {
    const spec = TABLES[name];
    const n = rows.length;
    out.reset();
    const head = out.take(8);
    setU32(out.bytes, head, n);
    setU32(out.bytes, head + 4, spec.fields.length + 1);
    // the keys the fields read, in the fields' order (an object-valued key once, with the sub-keys its fields read)
    const keys: string[] = [];
    const keyIndex = new Map<string, number>();
    const subs: (Set<string> | undefined)[] = [];
    for (const x of spec.fields) {
      let k = keyIndex.get(x.key);
      if (k === undefined) {
        keyIndex.set(x.key, (k = keys.length));
        keys.push(x.key);
      }
      if (x.sub) subs[k] = (subs[k] ?? new Set()).add(x.sub);
    }
    for (let k = 0; k < keys.length; k++) {
      if (k < cells.length && cells[k].length >= n) cells[k].fill(undefined, 0, n);
      else cells[k] = new Array<unknown>(n).fill(undefined);
    }
    // keys a row has beyond its fields, or whose value the field cannot hold: kept whole in the row's extra JSON
    const extras = new Map<number, Record<string, unknown>>();
    const extra = (i: number, row: Record<string, unknown>, key: string) => {
      let e = extras.get(i);
      if (!e) extras.set(i, (e = {}));
      e[key] = row[key];
    };
    // one pass over each row's own keys reads every value (each row is visited once, not once per field); they come
    // in the fields' order, some left out, so most are found by comparing with the next key expected
    for (let i = 0; i < n; i++) {
      const row = rows[i] as Record<string, unknown>;
      let next = 0;
      for (const key in row) {
        const v = row[key];
        let k: number | undefined = next;
        if (key !== keys[next]) {
          k = keyIndex.get(key);
          if (k === undefined) {
            if (v !== undefined) extra(i, row, key);
            continue;
          }
        }
        next = k + 1;
        cells[k][i] = v;
        const sub = subs[k];
        if (sub && (!isPlain(v) || Object.keys(v).some((x) => !sub.has(x)))) extra(i, row, key);
      }
    }
    if (values.length < n) values = new Float64Array(n);
    if (bitmap.length < pad8(Math.ceil(n / 8))) bitmap = new Uint8Array(pad8(Math.ceil(n / 8)));
    let someMissing = false;
    const missing = (i: number) => {
      if (!someMissing) bitmap.fill(0xff);
      someMissing = true;
      bitmap[i >> 3] &= ~(1 << (i & 7));
      values[i] = 0;
    };
    for (const field of spec.fields) {
      someMissing = false;
      const { key, sub, kind } = field;
      const vals = cells[keyIndex.get(key)!];
      const absent = kind.endsWith('?');
      const nullable = kind.endsWith('|null');
      const childRows = kind === 'rows' ? (children[field.child!] ??= []) : null;
      for (let i = 0; i < n; i++) {
        let v = vals[i];
        if (sub) {
          // the whole object is kept in the extra JSON when its sub-fields cannot hold it
          if (!isPlain(v) || extras.get(i)?.[key]) {
            missing(i);
            continue;
          }
          v = v[sub];
        }
        // the number to store; undefined when it is missing the way the field allows (null, or absent), null when
        // the field cannot hold it (kept in the row's extra JSON)
        let code: number | undefined | null = null;
        if (v === undefined) code = absent ? undefined : null;
        else if (v === null && kind !== 'json?') code = nullable ? undefined : null;
        else {
          switch (kind) {
            case 'num':
            case 'num|null':
            case 'num?':
              if (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0)) code = v;
              break;
            case 'text':
              if (typeof v === 'string') code = text(v);
              break;
            case 'str':
            case 'str|null':
            case 'str?':
              if (typeof v === 'string') code = str(v);
              break;
            case 'true?':
              if (v === true) code = 1;
              break;
            case 'src':
            case 'src|null':
              if (isSource(v)) code = src(v);
              break;
            case 'json?':
              code = str(JSON.stringify(v));
              break;
            case 'rows':
              if (Array.isArray(v) && v.every(isPlain)) {
                for (const c of v) childRows!.push(c);
                code = v.length;
              }
              break;
          }
        }
        if (code === null) extra(i, rows[i] as Record<string, unknown>, key);
        if (code === undefined || code === null) missing(i);
        else values[i] = code;
      }
      column(out, str(sub ? `${key}.${sub}` : key), values, n, someMissing ? bitmap : null);
    }
    // the extra column: JSON text of what the fields did not hold
    someMissing = false;
    for (let i = 0; i < n; i++) {
      const e = extras.get(i);
      if (e) values[i] = str(JSON.stringify(e));
      else missing(i);
    }
    column(out, str(EXTRA), values, n, someMissing ? bitmap : null);
    section(spec.section, [out.bytes.subarray(0, out.used)]);
  };
  for (const name of TOP) table(name, trace[name] as unknown[]);
  table('awaits', children.awaits ?? []);
  table('findingSites', children.findingSites ?? []);
  table('sources', sources);
  cells.length = 0;
  strings.length = count;
  const stringBytes = stringTable(strings);
  section('STRS', stringBytes.parts(), stringBytes.length);
  section('END ', []);
}

/** One column into `out`: its header, the bitmap of present rows (when some are missing), the values in the narrowest type. */
function column(out: Scratch, name: number, values: Float64Array, n: number, bitmap: Uint8Array | null): void {
  let type: number = NONE;
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  let present = 0;
  for (let i = 0; i < n; i++) {
    if (bitmap && !(bitmap[i >> 3] & (1 << (i & 7)))) continue;
    const v = values[i];
    present++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integers && !Number.isInteger(v)) integers = false;
  }
  if (present > 0) type = integers ? TYPES.findIndex((t, k) => k > NONE && min >= t.min && max <= t.max) : F64;
  const head = out.take(8);
  setU32(out.bytes, head, name);
  out.bytes[head + 4] = type;
  out.bytes[head + 5] = bitmap && type !== NONE ? 1 : 0;
  if (type === NONE) return;
  if (bitmap) {
    const bytes = pad8(Math.ceil(n / 8));
    // take() may grow the buffer: the offset first, then the buffer it is an offset into
    const at = out.take(bytes);
    out.bytes.set(bitmap.subarray(0, bytes), at);
  }
  const at = out.take(n * TYPES[type].width);
  new ARRAYS[type]!(out.bytes.buffer, out.bytes.byteOffset + at, n).set(values.subarray(0, n));
}

/** A growing byte buffer, reused: what it holds is handed to the sink and written before it is filled again. */
class Scratch {
  bytes = new Uint8Array(1 << 16);
  used = 0;
  reset(): void {
    this.used = 0;
  }
  /** room for `n` bytes (zeroed, padded to 8); its offset */
  take(n: number): number {
    const at = this.used;
    const end = at + pad8(n);
    if (end > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(end, this.bytes.length * 2));
      bigger.set(this.bytes.subarray(0, at));
      this.bytes = bigger;
    }
    this.bytes.fill(0, at, end);
    this.used = end;
    return at;
  }
}

function setU32(bytes: Uint8Array, at: number, v: number): void {
  bytes[at] = v & 0xff;
  bytes[at + 1] = (v >>> 8) & 0xff;
  bytes[at + 2] = (v >>> 16) & 0xff;
  bytes[at + 3] = (v >>> 24) & 0xff;
}

/**
 * The string table: count, how many are escaped, the offset of each string's end in the UTF-8 bytes, the escaped
 * ones, then the bytes. A string with a lone surrogate (no UTF-8 form) is stored as its JSON text, which escapes it,
 * and listed as escaped. The strings are read a few thousand at a time, joined into one new string: scanning and
 * encoding that copy leaves the trace's own strings as they are (reading a string built by concatenation would flatten it into
 * a second copy that lives as long as the trace), and the bytes are handed on chunk by chunk, never held whole.
 */
function stringTable(strings: string[]): { length: number; parts: () => Generator<Uint8Array> } {
  // the head: count, escaped count, each string's end, the escaped strings (written once their number is known)
  let head = new Uint32Array(pad8(4 * (2 + strings.length)) / 4);
  const ends = head.subarray(2, 2 + strings.length);
  const escaped = new Map<number, string>();
  let end = 0;
  for (const [chunk, from, to] of chunks(strings, escaped)) {
    let at = 0;
    for (let i = from; i < to; i++) {
      const n = strings[i].length;
      let bytes = utf8Length(chunk, at, at + n);
      if (bytes < 0) {
        // a lone surrogate: stored as its JSON text
        const json = JSON.stringify(strings[i]);
        escaped.set(i, json);
        bytes = utf8Length(json, 0, json.length);
      }
      end += bytes;
      if (end > 0xffffffff) throw new TraceFormatError('the trace holds more than 4 GB of text: too much for the binary form; write it with --json');
      ends[i] = end;
      at += n;
    }
  }
  if (escaped.size) {
    const longer = new Uint32Array(pad8(4 * (2 + strings.length + escaped.size)) / 4);
    longer.set(head.subarray(0, 2 + strings.length));
    longer.set([...escaped.keys()], 2 + strings.length);
    head = longer;
  }
  head[0] = strings.length;
  head[1] = escaped.size;
  function* parts() {
    yield new Uint8Array(head.buffer);
    // chunks are encoded into one buffer, handed on when it is nearly full
    const encoder = new TextEncoder();
    let buffer = new Uint8Array(1 << 20);
    let filled = 0;
    for (const [chunk] of chunks(strings, escaped)) {
      if (filled + chunk.length * 3 > buffer.length) {
        if (filled) yield buffer.subarray(0, filled);
        filled = 0;
        if (chunk.length * 3 > buffer.length) buffer = new Uint8Array(chunk.length * 3);
      }
      filled += encoder.encodeInto(chunk, buffer.subarray(filled)).written;
    }
    if (filled) yield buffer.subarray(0, filled);
  }
  return { length: head.byteLength + end, parts };
}

/**
 * The strings (their escaped forms where there are) joined about 16k characters at a time, with the strings' range:
 * small enough that each joined copy is a young object, freed at once (a larger one would wait for a full collection).
 */
function* chunks(strings: string[], escaped: Map<number, string>): Generator<[string, number, number]> {
  let from = 0;
  let pieces: string[] = [];
  let length = 0;
  for (let i = 0; i < strings.length; i++) {
    const s = escaped.get(i) ?? strings[i];
    pieces.push(s);
    length += s.length;
    if (length >= 1 << 14 || i === strings.length - 1) {
      yield [pieces.join(''), from, i + 1];
      from = i + 1;
      pieces = [];
      length = 0;
    }
  }
}

/** UTF-8 bytes of `s` from `from` to `to`; -1 when it has a lone surrogate (which has no UTF-8 form). */
function utf8Length(s: string, from: number, to: number): number {
  let n = to - from;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c < 0xd800 || c > 0xdfff) n += 2;
    else if (c <= 0xdbff && i + 1 < to && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair: 4 bytes for 2 UTF-16 units
      i++;
    } else return -1;
  }
  return n;
}

/** The whole binary form in one array (small traces, tests). */
export function encodeTraceBytes(trace: Trace): Uint8Array {
  const parts: Uint8Array[] = [];
  encodeTrace(trace, (p) => parts.push(p.slice()));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** True when the bytes start like a binary trace (its first 4 bytes; the reader checks the rest and says what is wrong). */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && BINARY_MAGIC.subarray(0, 4).every((b, i) => bytes[i] === b);
}

/** One column: typed values over the file, a bitmap of present rows when some are missing. */
export class Column {
  constructor(
    readonly name: string,
    readonly length: number,
    /** null when every value is missing */
    readonly values: Values | null,
    private readonly bitmap: Uint8Array | null,
  ) {}
  has(i: number): boolean {
    return this.values !== null && (!this.bitmap || (this.bitmap[i >> 3] & (1 << (i & 7))) !== 0);
  }
  /** the value of row i; undefined when missing */
  get(i: number): number | undefined {
    return this.has(i) ? this.values![i] : undefined;
  }
}

export class Table {
  constructor(
    readonly name: TableName,
    readonly length: number,
    private readonly columns: Map<string, Column>,
  ) {}
  /** a column by its field name (`from.thread` for a field of an object); an empty one when the file has none */
  column(field: string): Column {
    return this.columns.get(field) ?? new Column(field, this.length, null, null);
  }
}

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');

/**
 * A binary trace opened over its bytes: the tables are typed-array views, strings are decoded when asked for, and no
 * object is built per row unless `toTrace()` is called. Every length is checked against the file before it is used,
 * so a damaged or hostile file is refused with a message, never read past its end or made to allocate its claims.
 */
export class BinaryTrace {
  readonly version: number;
  readonly program: Trace['program'];
  private readonly tables = new Map<TableName, Table>();
  private readonly stringEnds: Uint32Array;
  /** strings stored as their JSON text (they have a lone surrogate) */
  private readonly escaped: Set<number>;
  private readonly stringBytes: Uint8Array;
  private decoded: (string | undefined)[] = [];
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /**
   * The whole string table decoded at once, and where each string ends in it (UTF-16 units): one decode instead of
   * one per string (the per-call cost dominated reading a big trace). null: not tried yet; false: the table is not
   * valid UTF-8, so each string is decoded alone (and the bad one named).
   */
  private whole: { text: string; ends: Uint32Array } | false | null = null;

  constructor(input: Uint8Array) {
    const fail = (msg: string): never => {
      throw new TraceFormatError(`not a readable binary trace: ${msg}`);
    };
    if (input.length < 16) fail(`the file is ${input.length} bytes long, shorter than the format's 16-byte header; was it cut short?`);
    if (!BINARY_MAGIC.every((b, i) => input[i] === b)) fail(`its first bytes are ${hex(input.subarray(0, 8))}, not the format's ${hex(BINARY_MAGIC)}`);
    requireLittleEndian();
    // typed-array views need their offset aligned: copy once when the bytes do not start on an 8-byte boundary
    const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.version = view.getUint32(8, true);
    if (this.version !== BINARY_VERSION) {
      throw new TraceFormatError(
        `unsupported binary trace version ${this.version}: this Loopscope reads version ${BINARY_VERSION}` +
          (this.version > BINARY_VERSION ? ' (the file was written by a newer Loopscope: update, or convert it there with `loopscope report <file> --json out.json`)' : ''),
      );
    }
    const sections = new Map<string, { at: number; length: number }>();
    let at = 16;
    let ended = false;
    while (at < bytes.length) {
      if (at + 16 > bytes.length) fail(`the file ends inside a section header at byte ${at}; was it cut short?`);
      const name = String.fromCharCode(...bytes.subarray(at, at + 4));
      if (!/^[A-Z ]{4}$/.test(name)) fail(`byte ${at} should start a section, found ${hex(bytes.subarray(at, at + 4))}`);
      const length = view.getUint32(at + 8, true) + view.getUint32(at + 12, true) * 2 ** 32;
      if (at + 16 + length > bytes.length) fail(`section ${name.trim()} at byte ${at} claims ${length} bytes, but the file has ${bytes.length - at - 16} more; was it cut short?`);
      if (sections.has(name)) fail(`section ${name.trim()} appears twice`);
      sections.set(name, { at: at + 16, length });
      at += 16 + pad8(length);
      if (name === 'END ') {
        ended = true;
        break;
      }
    }
    if (!ended) fail(`the file ends after ${at} bytes without its end section; was it cut short?`);
    const part = (name: string) => sections.get(name) ?? fail(`the ${name.trim()} section is missing`);

    const strs = part('STRS');
    if (strs.length < 8) fail('the string table is shorter than its header');
    const count = view.getUint32(strs.at, true);
    const escapedCount = view.getUint32(strs.at + 4, true);
    const headBytes = pad8(4 * (count + escapedCount + 2));
    if (headBytes > strs.length) fail(`the string table claims ${count} strings (${escapedCount} of them escaped), more than its ${strs.length} bytes can index`);
    this.stringEnds = new Uint32Array(bytes.buffer, bytes.byteOffset + strs.at + 8, count);
    this.escaped = new Set(new Uint32Array(bytes.buffer, bytes.byteOffset + strs.at + 8 + 4 * count, escapedCount));
    this.stringBytes = bytes.subarray(strs.at + headBytes, strs.at + strs.length);
    this.decoded = new Array(count);
    for (let i = 0, last = 0; i < count; i++) {
      if (this.stringEnds[i] < last || this.stringEnds[i] > this.stringBytes.length) fail(`string ${i} ends at byte ${this.stringEnds[i]}, outside the string table's ${this.stringBytes.length} bytes`);
      last = this.stringEnds[i];
    }

    const prog = part('PROG');
    let program: unknown;
    try {
      program = JSON.parse(this.decoder.decode(bytes.subarray(prog.at, prog.at + prog.length)));
    } catch (err) {
      fail(`the program section is not valid JSON text (${(err as Error).message})`);
    }
    this.program = program as Trace['program'];

    for (const name of TABLE_ORDER) {
      const spec = TABLES[name];
      const s = part(spec.section);
      if (s.length < 8) fail(`table ${name} is shorter than its header`);
      const rows = view.getUint32(s.at, true);
      const ncols = view.getUint32(s.at + 4, true);
      const end = s.at + s.length;
      let p = s.at + 8;
      const columns = new Map<string, Column>();
      for (let c = 0; c < ncols; c++) {
        if (p + 8 > end) fail(`table ${name} claims ${ncols} columns, more than its ${s.length} bytes hold`);
        const colName = this.string(view.getUint32(p, true), `the name of column ${c} of table ${name}`);
        const type = bytes[p + 4];
        const hasBitmap = bytes[p + 5];
        p += 8;
        if (type >= TYPES.length) fail(`column ${name}.${colName} has unknown value type ${type}`);
        if (type === NONE) {
          columns.set(colName, new Column(colName, rows, null, null));
          continue;
        }
        const bitmapBytes = hasBitmap ? pad8(Math.ceil(rows / 8)) : 0;
        const valueBytes = pad8(rows * TYPES[type].width);
        if (p + bitmapBytes + valueBytes > end) fail(`table ${name} claims ${rows} rows, more than its ${s.length} bytes hold (column ${colName})`);
        const bitmap = hasBitmap ? bytes.subarray(p, p + bitmapBytes) : null;
        p += bitmapBytes;
        const values = new ARRAYS[type]!(bytes.buffer as ArrayBuffer, bytes.byteOffset + p, rows);
        p += valueBytes;
        columns.set(colName, new Column(colName, rows, values, bitmap));
      }
      this.tables.set(name, new Table(name, rows, columns));
    }
    // child tables: their rows are the parents' counts laid end to end
    for (const [parent, field, child] of [['coroutines', 'awaits', 'awaits'], ['findings', 'sites', 'findingSites']] as const) {
      const counts = this.table(parent).column(field);
      let total = 0;
      for (let i = 0; i < counts.length; i++) total += counts.get(i) ?? 0;
      if (total !== this.table(child).length) fail(`the ${parent} name ${total} ${field} in all, but table ${child} has ${this.table(child).length} rows`);
    }
  }

  table(name: TableName): Table {
    return this.tables.get(name)!;
  }

  /** string `i` of the string table, decoded once */
  string(i: number, where = 'a string'): string {
    let s = this.decoded[i];
    if (s !== undefined) return s;
    if (!(i >= 0 && i < this.stringEnds.length)) throw new TraceFormatError(`not a readable binary trace: ${where} names string ${i}, but the table has ${this.stringEnds.length}`);
    this.whole ??= this.decodeWhole();
    try {
      s = this.whole ? this.whole.text.slice(i === 0 ? 0 : this.whole.ends[i - 1], this.whole.ends[i]) : this.decoder.decode(this.stringBytes.subarray(i === 0 ? 0 : this.stringEnds[i - 1], this.stringEnds[i]));
      if (this.escaped.has(i)) s = JSON.parse(s) as string;
    } catch {
      throw new TraceFormatError(`not a readable binary trace: string ${i} is not valid UTF-8${this.escaped.has(i) ? ' JSON text' : ''}`);
    }
    if (typeof s !== 'string') throw new TraceFormatError(`not a readable binary trace: escaped string ${i} is not a JSON string`);
    this.decoded[i] = s;
    return s;
  }

  /** Decode the string table in one go and find each string's end in UTF-16 units (one pass over its bytes). */
  private decodeWhole(): { text: string; ends: Uint32Array } | false {
    const bytes = this.stringBytes;
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      return false;
    }
    const ends = new Uint32Array(this.stringEnds.length);
    let units = 0;
    let b = 0;
    for (let i = 0; i < ends.length; i++) {
      // every byte that starts a character is one unit, and a 4-byte character (a lead byte from 0xF0) is two
      for (const end = this.stringEnds[i]; b < end; b++) {
        const x = bytes[b];
        if ((x & 0xc0) !== 0x80) units += x >= 0xf0 ? 2 : 1;
      }
      // a string that ends inside a character is not valid UTF-8 alone: the one-by-one path names it
      if (b < bytes.length && (bytes[b] & 0xc0) === 0x80) return false;
      ends[i] = units;
    }
    // a string table that ends inside a character, or a decoder that counted otherwise: decode each string alone
    return units === text.length ? { text, ends } : false;
  }

  /** source place `i` (a row of the sources table) */
  source(i: number): SourceSite {
    const t = this.table('sources');
    if (!(i >= 0 && i < t.length)) throw new TraceFormatError(`not a readable binary trace: a source place names row ${i}, but the sources table has ${t.length}`);
    const file = t.column('file').get(i)!;
    return { file: this.decoded[file] ?? this.string(file, `sources[${i}].file`), line: t.column('line').get(i)!, column: t.column('column').get(i)! };
  }

  /** The whole trace as objects (the JSON form's), validated as a JSON trace is. */
  toTrace(): Trace {
    const rowsOf = (name: TableName): Record<string, unknown>[] => {
      const spec = TABLES[name];
      const t = this.table(name);
      const cols = spec.fields.map((x) => t.column(x.sub ? `${x.key}.${x.sub}` : x.key));
      const extra = t.column(EXTRA);
      const childRows = spec.fields.map((x) => (x.kind === 'rows' ? rowsOf(x.child!) : null));
      const childAt = spec.fields.map(() => 0);
      const fields = spec.fields;
      const absent = fields.map((x) => x.kind.endsWith('?'));
      const nullable = fields.map((x) => x.kind.endsWith('|null'));
      const out: Record<string, unknown>[] = new Array(t.length);
      for (let i = 0; i < t.length; i++) {
        const row: Record<string, unknown> = {};
        for (let k = 0; k < fields.length; k++) {
          const x = fields[k];
          const v = cols[k].get(i);
          let value: unknown;
          if (v === undefined) {
            if (absent[k]) continue;
            if (nullable[k]) value = null;
            else if (!extra.has(i)) throw new TraceFormatError(`not a readable binary trace: ${name}[${i}].${cols[k].name} is missing`);
            else continue;
          } else {
            switch (x.kind) {
              case 'str':
              case 'text':
              case 'str|null':
              case 'str?':
                value = this.decoded[v] ?? this.string(v, `${name}[${i}].${cols[k].name}`);
                break;
              case 'src':
              case 'src|null':
                value = this.source(v);
                break;
              case 'true?':
                value = true;
                break;
              case 'json?':
                value = JSON.parse(this.string(v, `${name}[${i}].${cols[k].name}`));
                break;
              case 'rows':
                value = childRows[k]!.slice(childAt[k], childAt[k] + v);
                childAt[k] += v;
                break;
              default:
                value = v;
            }
          }
          if (x.sub) ((row[x.key] ??= {}) as Record<string, unknown>)[x.sub] = value;
          else row[x.key] = value;
        }
        if (extra.has(i)) {
          let more: unknown;
          try {
            more = JSON.parse(this.string(extra.get(i)!, `${name}[${i}] (its other fields)`));
          } catch (err) {
            if (err instanceof TraceFormatError) throw err;
            throw new TraceFormatError(`not a readable binary trace: the other fields of ${name}[${i}] are not valid JSON`);
          }
          Object.assign(row, more);
        }
        out[i] = row;
      }
      return out;
    };
    const trace: Record<string, unknown> = { format: TRACE_FORMAT, version: TRACE_VERSION, program: this.program };
    for (const name of TOP) trace[name] = rowsOf(name);
    return validateTrace(trace);
  }
}

/** Read a binary trace into the trace's objects. */
export function decodeTrace(bytes: Uint8Array): Trace {
  return new BinaryTrace(bytes).toTrace();
}

/** A trace from a file's bytes, either form: the binary one when they start with its magic, else JSON text. */
export function parseTraceBytes(bytes: Uint8Array): Trace {
  if (looksBinary(bytes)) return new BinaryTrace(bytes).toTrace();
  // a NUL byte near the start: some other binary file, not a damaged JSON trace
  if (bytes.subarray(0, 64).includes(0)) {
    throw new TraceFormatError(`not a Loopscope trace: neither JSON nor Loopscope's binary form (its first bytes are ${hex(bytes.subarray(0, 8))})`);
  }
  return parseTrace(new TextDecoder().decode(bytes));
}
