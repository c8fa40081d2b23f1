// The one interface between instrumented code and the tracer: the instrumenter names these methods when it builds
// calls, the tracer's runtime object implements it (`implements TracerRuntime`), so a renamed hook fails the build.
import { join } from 'node:path';

/** Name of the global through which instrumented code reaches the runtime. Defined by the tracer; never enumerable. */
export const RUNTIME_GLOBAL = '__ls';

/**
 * Ids: `site` indexes the sites a file registered (base from `r` + the site's index), `frame` is what `e` returned.
 * Shared-state accesses (rv..wa) come from every function: those of a synchronous function count only while a
 * coroutine is running (the function was called, directly or not, from a coroutine's step).
 */
export interface TracerRuntime {
  /** register a file's sites (JSON of RawSite[]); returns the id of its first site */
  r(file: string, sitesJson: string): number;
  /** enter a function or module body; returns the frame id */
  e(site: number): number;
  /** leave a function or module body (normally or by a throw) */
  x(frame: number): void;
  /** an await is about to suspend on `value`; returns it untouched */
  a<T>(frame: number, site: number, value: T): T;
  /** for-await: the loop is about to await its iterator (returns `value` untouched) */
  fa<T>(frame: number, site: number, value?: T): T | undefined;
  /** for-await: the loop body starts */
  fr(frame: number): void;
  /** a yield is about to suspend with `value`; returns it untouched */
  y<T>(frame: number, site: number, value: T): T;
  /** resumed after a yield with `value`; returns it untouched */
  yr<T>(frame: number, value: T): T;
  /** loop guard: lets the tracer stop a loop that never ends at the time limit */
  g(): void;
  /** shared state: an outer variable (`v` = the variable's site) read / written */
  rv(frame: number, site: number, v: number): void;
  wv(frame: number, site: number, v: number): void;
  /** shared state: a property of an object read / written (never reads the property itself) */
  rp(frame: number, site: number, obj: unknown, key: unknown): void;
  wp(frame: number, site: number, obj: unknown, key: unknown): void;
  /**
   * shared state: Map / Set membership looked up (has, get) or changed (set, add, delete). The collection is `root`
   * followed by the property names in `path`, which the runtime follows through data properties only, so no getter or
   * Proxy trap of the program runs an extra time.
   */
  rm(frame: number, site: number, root: unknown, path: readonly string[], key: unknown): void;
  wm(frame: number, site: number, root: unknown, path: readonly string[], key: unknown): void;
  /** shared state: an array (found as for `rm`) changed in place (push, splice...): a write of its `length` */
  wa(frame: number, site: number, root: unknown, path: readonly string[]): void;

  // Setters: instrumented code assigns a number (`__ls.E = site`), which takes no more room in a function's stack
  // frame than the function itself needs (a call's callee and arguments each take a register for as long as the
  // call is being set up), so the traced recursion limit stays as untraced. A synchronous function (not async, not a
  // generator, no `return` inside a `try` with a `finally`) keeps no frame id: the runtime keeps the stack.
  /** enter a synchronous function (its site) */
  E: number;
  /** leave a synchronous function (its site): at a `return` (after its value is computed) or at the end of its body */
  X: number;
  /** a catch clause of a synchronous function (its site) starts: frames above it were unwound */
  C: number;
  /** a finally block of a synchronous function (its site) starts: after the try block, or on the way of a throw */
  N: number;
  /** the same, in a function or module body that keeps its frame id (the frame) */
  F: number;
  /** shared state: an outer variable read / written (the site of the access; the variable is the site's `v`) */
  RV: number;
  WV: number;
}

export type RuntimeMethod = { [K in keyof TracerRuntime]: TracerRuntime[K] extends (...args: never[]) => unknown ? K : never }[keyof TracerRuntime];
export type RuntimeSetter = Exclude<keyof TracerRuntime, RuntimeMethod>;

/** A short key for a file, part of the name of the file's site base (`__ls$b_<key>`): from the text of any of its
 * functions the tracer knows which file it came from. */
export function fileKey(file: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < file.length; i++) h = Math.imul(h ^ file.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** The site base of a file as instrumented code names it. */
export const siteBaseName = (file: string): string => `__ls$b_${fileKey(file)}`;

/** Finds, in the text V8 gives for an instrumented function, the file key and the first site number it mentions. */
export const SITE_IN_TEXT = /__ls\$b_([0-9a-z]+) \+ (\d+)/;

/**
 * Extension field of an instrumented JavaScript file's source map: for each function, class and method, the first
 * site its instrumented text mentions, that text's length, and where it stands in the original source, so
 * `Function.prototype.toString` can give the original text back.
 */
export const FUNCTION_TABLE_FIELD = 'x_loopscope_functions';
export type FunctionTable = [firstSite: number, generatedLength: number, originalStart: number, originalEnd: number][];

/** The original text of an instrumented JavaScript file and where its functions are, for Function.prototype.toString. */
export interface FunctionTexts {
  source: string;
  table: FunctionTable;
}

/** Where a run keeps a file's function texts (the traced process reads them when the program asks for one). */
export const functionTextsPath = (dir: string, file: string): string => join(dir, `texts-${fileKey(file)}.json`);
