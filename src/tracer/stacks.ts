// Stack traces of instrumented files as untraced Node prints them.
//
// The instrumented code runs at other lines and columns than the user's source, and Node's own source-map support
// (needed on for the excerpt Node prints above an uncaught error) formats mapped frames its own way: paths instead of
// file:// URLs, `<anonymous>` for unnamed functions, names from the map instead of V8's (`new constructor` for
// `new Shape`, `Shape.area` for `get area`). So the default Error.prepareStackTrace (a function in Node 20.x and later,
// Node's ErrorPrepareStackTrace) is replaced by one with the same name and source text that formats each frame of an
// instrumented file as V8 does (which is what untraced Node prints for a plain JavaScript file) at its original
// position: Node's header, then `at ` + the frame. Frames of other files go to Node's own formatting when the program
// turned source maps on itself (as untraced), V8's otherwise.
//
// A program's own Error.prepareStackTrace gets V8's CallSite objects of the instrumented code: getLineNumber() is the
// original line (the printer keeps every statement on its line), getColumnNumber() the instrumented column. CallSite's
// methods cannot be replaced (V8 makes them read-only and non-configurable), and handing the program's function other
// objects would need Error.prepareStackTrace to become an accessor that returns something other than what the program
// stored.
import { ReflectApply, StringLastIndexOf, StringSlice } from './primordials';

interface CallSite {
  getFileName(): string | undefined | null;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
  toString(): string;
}
interface SourceMapLike {
  findEntry(line: number, column: number): { originalLine?: number; originalColumn?: number };
}
type Method = (this: CallSite) => unknown;

export function mapStackFrames(options: {
  /** V8's name of a script (a path, or a file: URL for ES modules) -> was it instrumented? */
  instrumented(fileName: string): boolean;
  findSourceMap(fileName: string): SourceMapLike | undefined;
  /** has the program turned source maps on itself (NODE_OPTIONS, setSourceMapsEnabled)? */
  programSourceMaps(): boolean;
}): void {
  const E = Error as unknown as { prepareStackTrace?: unknown; captureStackTrace(o: object): void };
  const previous = E.prepareStackTrace;
  E.prepareStackTrace = (_e: unknown, cs: CallSite[]) => cs;
  const holder: { stack?: CallSite[] } = {};
  let sample: CallSite | undefined;
  try {
    E.captureStackTrace(holder);
    sample = holder.stack?.[0]; // formatted when read: before prepareStackTrace is put back
  } finally {
    E.prepareStackTrace = previous;
  }
  const proto = sample ? (Object.getPrototypeOf(sample) as Record<string, unknown>) : null;
  const raw = (name: string) => (proto && typeof proto[name] === 'function' ? (proto[name] as Method) : null);
  const getFileName = raw('getFileName');
  const getLineNumber = raw('getLineNumber');
  const getColumnNumber = raw('getColumnNumber');
  const toString = raw('toString');
  if (!proto || !getFileName || !getLineNumber || !getColumnNumber || !toString) return;

  const map = (file: string, line: unknown, column: unknown): [number, number] | null => {
    if (typeof line !== 'number' || typeof column !== 'number') return null;
    const entry = options.findSourceMap(file)?.findEntry(line - 1, column - 1);
    if (!entry || typeof entry.originalLine !== 'number' || typeof entry.originalColumn !== 'number') return null;
    return [entry.originalLine + 1, entry.originalColumn + 1];
  };
  /** a frame's original [line, column], or null when not in an instrumented file (or not mapped) */
  const position = (cs: CallSite): [number, number] | null => {
    try {
      const file = ReflectApply(getFileName, cs, []);
      if (typeof file === 'string' && options.instrumented(file)) return map(file, ReflectApply(getLineNumber, cs, []), ReflectApply(getColumnNumber, cs, []));
    } catch {
      /* a position we cannot map stays as it is */
    }
    return null;
  };
  /** V8's text of a frame (`name (file:L:C)`, or `file:L:C` for an unnamed function), at the original position */
  const frameText = (cs: CallSite): string => {
    const text = ReflectApply(toString, cs, []) as string;
    const p = position(cs);
    if (!p) return text;
    const tail = `:${ReflectApply(getLineNumber, cs, [])}:${ReflectApply(getColumnNumber, cs, [])}`;
    const at = StringLastIndexOf(text, tail);
    return at < 0 ? text : `${StringSlice(text, 0, at)}:${p[0]}:${p[1]}${StringSlice(text, at + tail.length)}`;
  };

  // ---- the default Error.prepareStackTrace -------------------------------------------------------------------
  const nodeDefault = E.prepareStackTrace;
  if (typeof nodeDefault !== 'function') return; // an older Node: V8 formats frames itself, through toString
  const node = nodeDefault as (error: unknown, trace: CallSite[]) => string;
  const formatFrame = (error: unknown, header: string, trace: CallSite[], i: number): string => {
    const cs = trace[i];
    if (options.programSourceMaps() && !position(cs)) {
      // a frame of another file, with source maps on as the program asked: Node's own formatting of it
      try {
        const both = node(error, i + 1 < trace.length ? [cs, trace[i + 1]] : [cs]);
        const frame = both.slice(header.length).split('\n    at ')[1];
        if (frame !== undefined) return frame;
      } catch {
        /* V8's text below */
      }
    }
    return frameText(cs);
  };
  const format = (error: unknown, trace: CallSite[]): string => {
    const header = node(error, []);
    if (!Array.isArray(trace) || trace.length === 0) return header;
    let out = header;
    for (let i = 0; i < trace.length; i++) out += `\n    at ${formatFrame(error, header, trace, i)}`;
    return out;
  };
  // the same name and source text as Node's (`function ErrorPrepareStackTrace(error, trace) { return
  // internalPrepareStackTrace(error, trace); }`), so the program's Error.prepareStackTrace looks as untraced
  let replacement: unknown = format;
  const shape = /^function (\w+)\((\w+), (\w+)\) \{\n {2}return (\w+)\(\2, \3\);\n\}$/.exec(Function.prototype.toString.call(nodeDefault));
  if (shape) {
    try {
      replacement = new Function(shape[4], `return ${shape[0]}`)(format);
    } catch {
      /* code generation disallowed: a plain function then */
    }
  }
  const own = Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace');
  Object.defineProperty(Error, 'prepareStackTrace', {
    value: replacement,
    writable: own?.writable ?? true,
    enumerable: own?.enumerable ?? false,
    configurable: own?.configurable ?? true,
  });
}
