// Rewrites one JavaScript module so that it reports function entry/exit, awaits, yields, loop progress and (for race
// detection) reads and writes of shared state to the tracer's runtime, without changing what the program does or when.
// One parse (acorn), one walk that edits the AST, one print (astring, with a source map): the printer owns
// parentheses, semicolons and precedence, so no edit can join lines, cross brackets or change what a token means.
// Every expression is still evaluated once and in the same order (temporaries hold what the tracer also needs), calls
// keep their `this` and their callee's shape, and declarations keep their hoisting and names.
import * as acorn from 'acorn';
import type { RawSite } from '../core/raw-events';
import { RUNTIME_GLOBAL, siteBaseName, SITE_IN_TEXT, FUNCTION_TABLE_FIELD, type RuntimeMethod, type RuntimeSetter, type FunctionTable } from './runtime-api';
import { print, Positions } from './printer';
import { InstrumentSyntaxError } from './syntax-error';
import { RaceFactsParser, patternNames, childNodes, childKeys, isSimple, locationName, COLLECTION_READS, COLLECTION_WRITES, ARRAY_MUTATORS, type RaceFacts } from './shared-state';

export { RUNTIME_GLOBAL } from './runtime-api';

/** the frame id of the function (or module body) the code belongs to */
const FRAME = '__ls$f';
const REGISTER = '__ls$B';
const TEMP = '__ls$t';
/** the module's own slot for a value being returned while the function's exit is reported (no register taken) */
const RETURNED = '__ls$v';

export type SourceType = 'module' | 'script';

export interface InstrumentOptions {
  sourceType: SourceType;
  /** also record reads and writes of shared state, for race detection across awaits */
  races?: boolean;
  /** The name of the original in the source map (default: `file`); Node prints it in stack traces. */
  mapSource?: string;
  /** Map a generated (0-based column) position back to the original file, e.g. through esbuild's source map. */
  originalPosition?: (line: number, column: number) => { line: number; column: number } | null;
}

export interface InstrumentResult {
  code: string;
  /** the source map, with the function table (FUNCTION_TABLE_FIELD) that gives toString the original text */
  map: ReturnType<typeof print>['map'] & { [FUNCTION_TABLE_FIELD]?: FunctionTable };
  sites: RawSite[];
}

export { InstrumentSyntaxError };

export type AnyNode = acorn.Node & Record<string, unknown>;

/** acorn's options for a file of `sourceType`: the same for the parse that tells a file's format and the one instrumented. */
const parseOptions = (sourceType: SourceType): acorn.Options => ({
  ecmaVersion: 'latest',
  sourceType,
  allowHashBang: true,
  allowReturnOutsideFunction: sourceType === 'script',
  allowAwaitOutsideFunction: sourceType === 'module',
});

/**
 * The tree of the parse that told a file's format (looksLikeModule), taken by the parse that instruments the same
 * text next (the runner's entry check and the traced process's CommonJS load hook decide the format, then
 * instrument): a large file is parsed once, not twice. Held weakly: V8 keeps it until the current job ends (the
 * format is decided and the file instrumented in one synchronous call chain), then a file whose instrumented text
 * came from the cache does not keep its tree alive.
 */
let formatParse: WeakRef<{ source: string; sourceType: SourceType; parsed: Parsed }> | undefined;

/** A file's tree, and what race recording needs to know about it (gathered as it was parsed). */
export interface Parsed {
  ast: acorn.Program;
  raceFacts(): RaceFacts;
}

function parseWithFacts(source: string, sourceType: SourceType): Parsed {
  const parser = new RaceFactsParser(parseOptions(sourceType), source);
  return { ast: parser.parse(), raceFacts: () => parser.raceFacts() };
}

export function parse(source: string, file: string, sourceType: SourceType): Parsed {
  const kept = formatParse?.deref();
  formatParse = undefined; // a tree is used once: the instrumenter edits it
  if (kept && kept.sourceType === sourceType && kept.source === source) return kept.parsed;
  try {
    return parseWithFacts(source, sourceType);
  } catch (err) {
    const e = err as Error & { loc?: { line: number; column: number } };
    const message = e.message.replace(/ \(\d+:\d+\)$/, '');
    throw new InstrumentSyntaxError(message, file, e.loc?.line ?? 1, (e.loc?.column ?? 0) + 1);
  }
}

/** True when the source only parses as an ES module (import/export/top-level await). */
export function looksLikeModule(source: string): boolean {
  // what only a module can hold (import / export declarations, top-level await, import.meta) names one of these words:
  // without them the file is a script, with no parse (a large bundle would cost one more whole parse)
  if (!/\b(?:import|export|await)\b/.test(source)) return false;
  for (const sourceType of ['script', 'module'] as const) {
    let parsed: Parsed;
    try {
      parsed = parseWithFacts(source, sourceType);
    } catch {
      continue;
    }
    formatParse = new WeakRef({ source, sourceType, parsed });
    return sourceType === 'module';
  }
  return false;
}

// ---- building nodes (offsets -1: what the tracer adds maps to nothing) ----------------------------------------------
// (the nodes made most often are object literals of their own, each type with the same keys in the same order as
// acorn's: no object spread per node, and V8 gives every node of a type one shape)
const node = (type: string, props: Record<string, unknown>): AnyNode => ({ type, start: -1, end: -1, ...props }) as AnyNode;
const ident = (name: string): AnyNode => ({ type: 'Identifier', start: -1, end: -1, name });
const num = (n: number): AnyNode => ({ type: 'Literal', start: -1, end: -1, value: n, raw: String(n) });
const str = (s: string): AnyNode => ({ type: 'Literal', start: -1, end: -1, value: s, raw: JSON.stringify(s) });
const seq = (expressions: AnyNode[]): AnyNode => (expressions.length === 1 ? expressions[0] : { type: 'SequenceExpression', start: -1, end: -1, expressions });
const assign = (left: AnyNode, right: AnyNode, operator = '='): AnyNode => ({ type: 'AssignmentExpression', start: -1, end: -1, operator, left, right });
const stmt = (expression: AnyNode): AnyNode => ({ type: 'ExpressionStatement', start: -1, end: -1, expression });
const block = (body: AnyNode[]): AnyNode => ({ type: 'BlockStatement', start: -1, end: -1, body });
/** `object.property`; `from`: the member of the original it stands for (it maps there) */
const member = (object: AnyNode, property: AnyNode, computed: boolean, from?: AnyNode): AnyNode => ({
  type: 'MemberExpression',
  start: from ? from.start : -1,
  end: from ? from.end : -1,
  object,
  property,
  computed,
  optional: false,
});
const call = (callee: AnyNode, args: AnyNode[]): AnyNode => ({ type: 'CallExpression', start: -1, end: -1, callee, arguments: args, optional: false });
/** a call of the runtime: `__ls.<method>(...args)` */
const rt = (method: RuntimeMethod, args: AnyNode[]) => call(member(ident(RUNTIME_GLOBAL), ident(method), false), args);
/** a report through a setter of the runtime: `__ls.<setter> = value` */
const rtSet = (setter: RuntimeSetter, value: AnyNode) => assign(member(ident(RUNTIME_GLOBAL), ident(setter), false), value);
const varDecl = (decls: [string, AnyNode | null][]) =>
  node('VariableDeclaration', { kind: 'var', declarations: decls.map(([name, init]) => node('VariableDeclarator', { id: ident(name), init })) });
const clone = (n: AnyNode): AnyNode => ({ ...n });

const isNode = (v: unknown): v is AnyNode => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
const LOOPS = new Set(['WhileStatement', 'DoWhileStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement']);
const ARITHMETIC = new Set(['+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=']);
const LOGICAL = new Set(['&&=', '||=', '??=']);

function keyName(key: AnyNode | undefined, computed: boolean): string {
  if (!key) return '<anonymous>';
  if (!computed && key.type === 'Identifier') return key.name as string;
  if (key.type === 'PrivateIdentifier') return `#${key.name as string}`;
  if (key.type === 'Literal') return String(key.value);
  return '[computed]';
}

function calleeName(callee: AnyNode): string | null {
  if (callee.type === 'Identifier') return callee.name as string;
  if (callee.type === 'MemberExpression' && !callee.computed) return keyName(callee.property as AnyNode, false);
  return null;
}

/** A readable name for a function from where it stands: `Class.method`, `const f = ...`, `setTimeout callback`. */
function functionName(fn: AnyNode, parents: AnyNode[]): string {
  const id = fn.id as AnyNode | null | undefined;
  const parent = parents[parents.length - 1];
  if (parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') {
    const cls = parents[parents.length - 3];
    const className = cls && (cls.id as AnyNode | null)?.name;
    const base = keyName(parent.key as AnyNode, parent.computed as boolean);
    const kind = parent.kind === 'get' || parent.kind === 'set' ? `${parent.kind as string} ` : '';
    const prefix = className ? `${className as string}.` : '';
    return `${kind}${prefix}${base}`;
  }
  if (id && typeof id.name === 'string') return id.name;
  if (parent?.type === 'Property') {
    const kind = parent.kind === 'get' || parent.kind === 'set' ? `${parent.kind as string} ` : '';
    return kind + keyName(parent.key as AnyNode, parent.computed as boolean);
  }
  if (parent?.type === 'VariableDeclarator' && (parent.id as AnyNode).type === 'Identifier') return (parent.id as AnyNode).name as string;
  if (parent?.type === 'AssignmentExpression') {
    const left = parent.left as AnyNode;
    if (left.type === 'Identifier') return left.name as string;
    if (left.type === 'MemberExpression') return keyName(left.property as AnyNode, left.computed as boolean);
  }
  if (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') {
    const name = calleeName(parent.callee as AnyNode);
    if (name) return `${name} callback`;
  }
  return '<anonymous>';
}

/** The await a statement consists of (`await f()`, `x = await f()`, `const x = await f()`), if any. */
function statementAwait(s: AnyNode): AnyNode | null {
  if (s.type === 'ExpressionStatement') {
    const e = s.expression as AnyNode;
    if (e.type === 'AwaitExpression') return e;
    if (e.type === 'AssignmentExpression' && (e.right as AnyNode).type === 'AwaitExpression') return e.right as AnyNode;
  }
  if (s.type === 'VariableDeclaration' && (s.declarations as AnyNode[]).length === 1) {
    const init = (s.declarations as AnyNode[])[0].init as AnyNode | null;
    if (init?.type === 'AwaitExpression') return init;
  }
  return null;
}

function namesBoundBy(s: AnyNode): Set<string> {
  const names = new Set<string>();
  const add = (p: AnyNode | null | undefined): void => {
    if (!p) return;
    if (p.type === 'Identifier') names.add(p.name as string);
    else for (const c of childNodes(p)) add(c);
  };
  if (s.type === 'VariableDeclaration') for (const d of s.declarations as AnyNode[]) add(d.id as AnyNode);
  if (s.type === 'ExpressionStatement' && (s.expression as AnyNode).type === 'AssignmentExpression') add((s.expression as AnyNode).left as AnyNode);
  return names;
}
const mentions = (n: AnyNode, names: Set<string>): boolean =>
  (n.type === 'Identifier' && names.has(n.name as string)) || childNodes(n).some((c) => mentions(c, names));

/** Names of a function body's top-level function declarations that are also declared by `var` anywhere in the function, or by another function declaration at its top level. */
function clashingFunctionNames(body: AnyNode[]): Set<string> {
  const functions = new Map<string, number>();
  for (const s of body) if (s.type === 'FunctionDeclaration') functions.set((s.id as AnyNode).name as string, (functions.get((s.id as AnyNode).name as string) ?? 0) + 1);
  const clash = new Set([...functions].filter(([, count]) => count > 1).map(([name]) => name));
  if (functions.size === 0) return clash;
  const visitVar = (n: AnyNode): void => {
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') return;
    if (n.type === 'VariableDeclaration' && n.kind === 'var') {
      const names = new Set<string>();
      for (const d of n.declarations as AnyNode[]) patternNames(d.id as AnyNode, names);
      for (const name of names) if (functions.has(name)) clash.add(name);
    }
    for (const c of childNodes(n)) visitVar(c);
  };
  for (const s of body) visitVar(s);
  return clash;
}

/** What a function (or the module body) needs declared for itself, and what waits for its site id and scheme. */
interface Scope {
  temps: number;
  /** the function keeps a frame id (`var __ls$f = __ls.e(site)`, body in try/finally): async functions, generators,
   * a `return` inside a `try` with a `finally` (the exit must come after the finally block) */
  keepsFrame: boolean;
  /** places that name the frame (race recording): the frame id, or 0 (a synchronous frame) when none is kept */
  frameRefs: AnyNode[];
  /** the function's returns, and its catch clauses' and finally blocks' bodies: reported once the scheme is known */
  returns: AnyNode[];
  catches: AnyNode[];
  finallies: AnyNode[];
}
/** the scope of a function, or of the module body (null), which keeps its frame id */
const newScope = (fn: AnyNode | null): Scope => ({
  temps: 0,
  keepsFrame: !fn || !!fn.async || !!fn.generator,
  frameRefs: [],
  returns: [],
  catches: [],
  finallies: [],
});

/** The names a function declares, and those of the functions it is nested in when they count as its own. */
class Locals {
  constructor(
    private readonly names: Set<string>,
    private readonly outer: Locals | null,
  ) {}
  has(name: string): boolean {
    return this.names.has(name) || (this.outer !== null && this.outer.has(name));
  }
}

/** Where the walk is, for race recording: the function, the names local to it, and how a read is used. */
interface Env {
  scope: Scope;
  /** inside a function, with the names local to it; null: no race recording (module code, static blocks, parameters) */
  locals: Locals | null;
  /** inside the test of an if / while / ?: or the left of && || ??: a read there is a check */
  inTest: boolean;
  /** inside an initializer or a return: a read there is kept past the next await */
  kept: boolean;
  /** inside the block or catch clause of a `try` with a `finally`, in the current function */
  beforeFinally?: boolean;
  /** in a class field initializer or static block: it runs in a frame of its own that is not the function's */
  ownFrame?: boolean;
  /** this env with `inTest` set, and with `kept` set, made once (tests and initializers are everywhere) */
  asTest?: Env;
  asKept?: Env;
}
const inTest = (env: Env): Env => (env.inTest ? env : (env.asTest ??= { ...env, inTest: true, asTest: undefined, asKept: undefined }));
const kept = (env: Env): Env => (env.kept ? env : (env.asKept ??= { ...env, kept: true, asTest: undefined, asKept: undefined }));

/** How a child is used by its parent. */
type Use =
  | 'value' // evaluated for its value: a read
  | 'callee' // called (or tagged, or constructed): keeps its shape, so `this` and error messages stay as they were
  | 'target'; // assigned, updated or deleted: the reference itself is not read
// (keys, labels and declared names are not visited at all)

export function instrumentJavaScript(source: string, file: string, options: InstrumentOptions): InstrumentResult {
  const parsed = parse(source, file, options.sourceType);
  const ast = parsed.ast as unknown as AnyNode;
  const positions = new Positions(source);
  const sites: RawSite[] = [];
  // the id of the file's first site (registered on first use, so hoisted functions called early still have it);
  // its name carries the file's key, so the text of any function says which file it came from
  const BASE = siteBaseName(file);
  const isModule = options.sourceType === 'module';

  const site = (n: AnyNode, kind: RawSite['kind'], extra: Partial<RawSite> = {}): number => {
    const loc = positions.at(n.start);
    const pos = (options.originalPosition ? options.originalPosition(loc.line, loc.column) : null) ?? loc;
    sites.push({ kind, line: pos.line, column: pos.column + 1, ...extra });
    return sites.length - 1;
  };
  /** the file's site base, its sites registered first if they are not yet: `__ls$b_x ?? __ls$B()` */
  const registered = (): AnyNode => ({ type: 'LogicalExpression', start: -1, end: -1, operator: '??', left: ident(BASE), right: call(ident(REGISTER), []) });
  const siteRef = (i: number): AnyNode => ({ type: 'BinaryExpression', start: -1, end: -1, operator: '+', left: ident(BASE), right: num(i) });
  /** the frame id, as the function will have it (see Scope.frameRefs) */
  const frame = (scope: Scope) => {
    const ref = ident(FRAME);
    scope.frameRefs.push(ref);
    return ref;
  };
  const temp = (scope: Scope) => ident(`${TEMP}${scope.temps++}`);

  // Site 0 is the module body itself.
  site(ast, 'module', { name: '<module>', async: isModule });

  // race recording: in every function, since a synchronous helper (in this file or another) called from a
  // coroutine runs in that coroutine's step; the runtime drops what runs while no coroutine is running
  const races: RaceFacts | null = options.races ? parsed.raceFacts() : null;
  // one site per variable name in this file (its first use), so every access to it names the same location
  const varSites = new Map<string, number>();
  const varIndex = (id: AnyNode) => {
    const name = id.name as string;
    let i = varSites.get(name);
    if (i === undefined) varSites.set(name, (i = site(id, 'var', { name })));
    return i;
  };
  /** an expression whose value nothing uses (a statement, a for loop's update): a recorded write needs no temporary */
  const valueUnused = new WeakSet<AnyNode>();
  const text = (n: AnyNode) => source.slice(n.start, n.end);

  const awaitSiteOf = new Map<AnyNode, number>();
  /** `{ report; for await (...) }` blocks: a label on the loop moves inside them */
  const forAwaitBlocks = new WeakSet<AnyNode>();
  const sequentialPairs: [AnyNode, AnyNode][] = [];
  const parents: AnyNode[] = [];

  const visitList = (list: (AnyNode | null)[], use: Use, env: Env) => {
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      if (c) list[i] = visit(c, use, env);
    }
  };
  const child = (n: AnyNode, key: string, use: Use, env: Env) => {
    const c = n[key];
    if (Array.isArray(c)) visitList(c as AnyNode[], use, env);
    else if (isNode(c)) n[key] = visit(c, use, env);
  };

  /** A destructuring pattern: names are declared or members assigned; defaults and computed keys are evaluated. */
  const visitPattern = (p: AnyNode | null, env: Env): void => {
    if (!p) return;
    parents.push(p);
    switch (p.type) {
      case 'ObjectPattern':
        for (const prop of p.properties as AnyNode[]) {
          if (prop.type === 'RestElement') visitPattern(prop.argument as AnyNode, env);
          else {
            if (prop.computed) child(prop, 'key', 'value', env);
            visitPattern(prop.value as AnyNode, env);
          }
        }
        break;
      case 'ArrayPattern':
        for (const el of p.elements as (AnyNode | null)[]) visitPattern(el, env);
        break;
      case 'RestElement':
        visitPattern(p.argument as AnyNode, env);
        break;
      case 'AssignmentPattern':
        visitPattern(p.left as AnyNode, env);
        child(p, 'right', 'value', env);
        break;
      case 'MemberExpression':
        visitMemberParts(p, 'target', env);
        break;
    }
    parents.pop();
  };

  /** The parts of a member expression: its object keeps the member's use for `callee` (the spine of `a.b.c()`). */
  const visitMemberParts = (m: AnyNode, use: Use, env: Env) => {
    const object = m.object as AnyNode;
    if (object.type !== 'Super') m.object = visit(object, use === 'callee' ? 'callee' : 'value', env);
    if (m.computed) m.property = visit(m.property as AnyNode, 'value', env);
  };

  const visitFunction = (fn: AnyNode, env: Env): AnyNode => {
    const scope = newScope(fn);
    let locals: Locals | null = null;
    // an async function's own names are its locals; a synchronous function also keeps those of the functions it is
    // nested in (a callback's closure over its creator's variables is not state another coroutine sees)
    if (races) locals = new Locals(races.declared.get(fn) ?? new Set(), fn.async ? null : env.locals);
    // parameters: nothing recorded there (they are evaluated before the body's own variables exist)
    const paramEnv: Env = { scope, locals: null, inTest: false, kept: false, ownFrame: true };
    for (const p of fn.params as AnyNode[]) visitPattern(p, paramEnv);
    const bodyEnv: Env = { scope, locals, inTest: env.inTest, kept: env.kept };
    const body = fn.body as AnyNode;
    fn.body = body.type === 'BlockStatement' ? visit(body, 'value', bodyEnv) : visit(body, 'value', kept(bodyEnv));
    instrumentFunction(fn, scope);
    return fn;
  };

  /**
   * A synchronous function: `{ directives; __ls.E = site; var temps; body; __ls.X = site }`, each `return v` as
   * `return (__ls$v = v, __ls.X = site, __ls$v)`, each catch clause starting with `__ls.C = site` (a finally block:
   * `__ls.N = site`).
   * Nothing of it stays in the function's stack frame (no local, no try, a setter rather than a call), so the
   * recursion limit stays as untraced; a throw that leaves the function is learnt of where it is caught (or when the
   * callback ends), and the runtime reports the frames it unwound then.
   *
   * A function that keeps its frame id (async, generator, a return that a finally block follows):
   * `{ directives; function declarations; var frame = enter(site), temps; try { rest } finally { exit(frame) } }`.
   */
  const instrumentFunction = (fn: AnyNode, scope: Scope) => {
    if (scope.keepsFrame) instrumentFramedFunction(fn, scope);
    else instrumentPlainFunction(fn, scope);
  };

  /** the start of a catch clause or finally block reports the frame that is running again */
  const reportHandlers = (scope: Scope, report: (finallyBlock: boolean) => AnyNode) => {
    for (const h of scope.catches) (h.body as AnyNode[]).unshift(report(false));
    for (const h of scope.finallies) (h.body as AnyNode[]).unshift(report(true));
  };

  let returnedUsed = false;
  const isAnonymousDefinition = (n: AnyNode) =>
    n.type === 'ArrowFunctionExpression' || ((n.type === 'FunctionExpression' || n.type === 'ClassExpression') && !n.id);

  const instrumentPlainFunction = (fn: AnyNode, scope: Scope) => {
    const { id, topLevel } = functionSite(fn);
    const exit = () => rtSet('X', siteRef(id));
    let statements: AnyNode[];
    if ((fn.body as AnyNode).type === 'BlockStatement') statements = (fn.body as AnyNode).body as AnyNode[];
    else {
      const r = node('ReturnStatement', { argument: fn.body, start: (fn.body as AnyNode).start, end: (fn.body as AnyNode).end });
      scope.returns.push(r);
      statements = [r];
      fn.expression = false;
    }
    for (const r of scope.returns) {
      const value = r.argument as AnyNode | null;
      if (!value) r.argument = node('UnaryExpression', { operator: 'void', prefix: true, argument: exit() });
      else if (value.type === 'Literal' || value.type === 'ThisExpression') r.argument = seq([exit(), value]);
      else {
        // the value is computed first (its calls are the function's own), then the exit is reported; the value waits
        // in a slot of the module rather than a local of the function (a local would take a register in every frame)
        returnedUsed = true;
        const held = isAnonymousDefinition(value) ? seq([num(0), value]) : value; // no name inferred from the slot
        r.argument = seq([assign(ident(RETURNED), held), exit(), ident(RETURNED)]);
      }
    }
    reportHandlers(scope, (finallyBlock) => stmt(rtSet(finallyBlock ? 'N' : 'C', siteRef(id))));
    for (const f of scope.frameRefs) {
      // no frame id is kept: race recording names a synchronous frame
      delete f.name;
      Object.assign(f, { type: 'Literal', value: 0, raw: '0' });
    }
    let i = 0;
    while (i < statements.length && typeof statements[i].directive === 'string') i++;
    // a function declared at the top of the module registers its sites first when the module body has not yet: as a
    // statement of its own, since the setter's object waits in a register while its value is computed
    const head: AnyNode[] = topLevel ? [stmt(registered()), stmt(rtSet('E', siteRef(id)))] : [stmt(rtSet('E', siteRef(id)))];
    if (scope.temps > 0) head.push(varDecl(Array.from({ length: scope.temps }, (_, t): [string, AnyNode | null] => [`${TEMP}${t}`, null])));
    const last = statements[statements.length - 1];
    const endsAbruptly = last?.type === 'ReturnStatement' || last?.type === 'ThrowStatement';
    fn.body = block([...statements.slice(0, i), ...head, ...statements.slice(i), ...(endsAbruptly ? [] : [stmt(exit())])]);
  };

  /** the function's site, and how its entry names it */
  const functionSite = (fn: AnyNode) => {
    const outer = parents[parents.length - 1] === fn ? parents.slice(0, -1) : parents;
    const parent = outer[outer.length - 1];
    const id = site(fn, 'function', { name: functionName(fn, outer), async: fn.async as boolean, generator: fn.generator as boolean });
    // a function declared at the top of a module can be called before the module body runs (hoisting, cycles)
    const topLevel = fn.type === 'FunctionDeclaration' && (parent?.type === 'Program' || parent?.type?.startsWith('Export'));
    const ref = topLevel ? node('BinaryExpression', { operator: '+', left: registered(), right: num(id) }) : siteRef(id);
    return { id, ref, topLevel };
  };

  /** `try { report } catch {}`: in an async function, a report that throws (no room on the stack) would reject it */
  const unthrowing = (report: AnyNode) => node('TryStatement', { block: block([report]), handler: node('CatchClause', { param: null, body: block([]) }), finalizer: null });

  const instrumentFramedFunction = (fn: AnyNode, scope: Scope) => {
    const { ref } = functionSite(fn);
    reportHandlers(scope, () => unthrowing(stmt(rtSet('F', frame(scope)))));
    let statements: AnyNode[];
    if ((fn.body as AnyNode).type === 'BlockStatement') statements = (fn.body as AnyNode).body as AnyNode[];
    else {
      statements = [node('ReturnStatement', { argument: fn.body, start: (fn.body as AnyNode).start, end: (fn.body as AnyNode).end })];
      fn.expression = false;
    }
    const directives: AnyNode[] = [];
    let i = 0;
    while (i < statements.length && typeof statements[i].directive === 'string') directives.push(statements[i++]);
    // The body moves into a try block, where a function declaration is block-scoped. That is the same function
    // (hoisted, initialized on entry, closing over the body's let/const) unless its name is also declared by `var`
    // in this function or by another function declaration: a block forbids that, the function's top level allows it.
    // Only those declarations stay at the top level, out of the try.
    const body = statements.slice(i);
    const clash = clashingFunctionNames(body);
    const outside = (s: AnyNode) => s.type === 'FunctionDeclaration' && clash.has((s.id as AnyNode).name as string);
    const declared = body.filter(outside);
    const rest = body.filter((s) => !outside(s));
    const decls: [string, AnyNode | null][] = [[FRAME, num(0)]];
    for (let t = 0; t < scope.temps; t++) decls.push([`${TEMP}${t}`, null]);
    // the reports never throw into the program: at a recursion's limit there may be no room left to call them (a
    // RangeError then would turn a return into a throw, the function's promise into a rejected one, which Node
    // reports at once: "Exception in PromiseRejectCallback"); the frame is then unknown (0), the function runs on
    const entry = unthrowing(stmt(assign(frame(scope), rt('e', [ref]))));
    const report = unthrowing(stmt(rt('x', [frame(scope)])));
    const guarded = node('TryStatement', { block: block(rest), handler: null, finalizer: block([report]) });
    fn.body = block([...directives, ...declared, varDecl(decls), entry, guarded]);
  };

  // ---- shared state (race recording) ----------------------------------------------------------------------------
  const readRole = (env: Env): RawSite['kind'] => (env.inTest ? 'check' : env.kept ? 'kept' : 'read');
  const isOuterVar = (n: AnyNode, env: Env) =>
    !!races && !!env.locals && n.type === 'Identifier' && races.racyVars.has(n.name as string) && !env.locals.has(n.name as string);
  /** a member whose location can be recorded: a plain (not optional) access on a simple base, with a known name */
  const recordableMember = (m: AnyNode, env: Env) =>
    !!races &&
    !!env.locals &&
    m.type === 'MemberExpression' &&
    !m.optional &&
    (m.object as AnyNode).type !== 'Super' &&
    isSimple(m.object as AnyNode) &&
    (!m.computed || isSimple(m.property as AnyNode));
  const propName = (m: AnyNode) => (m.computed ? '[]' : ((m.property as AnyNode).name as string));
  /** the member's object and key, each evaluated once into a temporary (`this` and literals need none) */
  const stable = (m: AnyNode, env: Env, setup: AnyNode[]): { object: AnyNode; key: AnyNode; access: AnyNode } => {
    let object = m.object as AnyNode;
    if (object.type !== 'ThisExpression') {
      const t = temp(env.scope);
      setup.push(assign(t, object));
      object = t;
    }
    let key: AnyNode;
    let property = m.property as AnyNode;
    if (!m.computed) key = str(property.name as string);
    else if (property.type === 'Literal') key = property;
    else {
      const t = temp(env.scope);
      setup.push(assign(t, property));
      key = property = t;
    }
    return { object, key, access: member(clone(object), clone(property), m.computed as boolean, m) };
  };

  /** `x op= v`, `x++`, `o.k = v`...: the read (for compound forms) before, the write after, the value kept. */
  const recordWrite = (n: AnyNode, target: AnyNode, names: { write: number; read: () => number }, env: Env): AnyNode => {
    const setup: AnyNode[] = [];
    const isVar = target.type === 'Identifier';
    let access = target;
    let readCall: () => AnyNode;
    let writeCall: AnyNode;
    if (isVar) {
      const v = varIndex(target);
      sites[names.write].v = v;
      readCall = () => {
        const at = names.read();
        sites[at].v = v;
        return rtSet('RV', siteRef(at));
      };
      writeCall = rtSet('WV', siteRef(names.write));
    } else {
      const s = stable(target, env, setup);
      access = s.access;
      readCall = () => rt('rp', [frame(env.scope), siteRef(names.read()), s.object, s.key]);
      writeCall = rt('wp', [frame(env.scope), siteRef(names.write), s.object, s.key]);
    }
    const op = n.operator as string;
    if (valueUnused.has(n) && !LOGICAL.has(op)) {
      const write = n.type === 'UpdateExpression' ? ({ ...n, argument: access } as AnyNode) : ({ ...n, left: access } as AnyNode);
      return seq([...setup, ...(op === '=' ? [] : [readCall()]), write, writeCall]);
    }
    const result = temp(env.scope);
    if (n.type === 'UpdateExpression') {
      return seq([...setup, readCall(), assign(result, { ...n, argument: access } as AnyNode), writeCall, result]);
    }
    if (op === '=') return seq([...setup, assign(result, { ...n, left: access } as AnyNode), writeCall, result]);
    if (ARITHMETIC.has(op)) return seq([...setup, readCall(), assign(result, { ...n, left: access } as AnyNode), writeCall, result]);
    // `a ??= v`: read once; assign and record only when the operator assigns
    const assigned = seq([assign(result, assign(clone(access), n.right as AnyNode)), writeCall, result]);
    return seq([...setup, readCall(), node('LogicalExpression', { operator: op.slice(0, -1), left: access, right: assigned })]);
  };

  /** `m.has(k)`, `m.set(k, v)`: recorded after the call, with the key the call got (no getter runs twice). */
  const recordCollectionCall = (call: AnyNode, env: Env): AnyNode => {
    const callee = call.callee as AnyNode;
    const args = call.arguments as AnyNode[];
    const method = (callee.property as AnyNode).name as string;
    const path: string[] = [];
    let root = callee.object as AnyNode;
    while (root.type === 'MemberExpression' && !root.computed && !root.optional && (root.property as AnyNode).type === 'Identifier') {
      path.unshift((root.property as AnyNode).name as string);
      root = root.object as AnyNode;
    }
    if (root.type !== 'Identifier' && root.type !== 'ThisExpression') return call;
    // an array held in the coroutine's own variable (`const batch = []; batch.push(...)`) is not shared state
    if (ARRAY_MUTATORS.has(method) && root.type === 'Identifier' && env.locals?.has(root.name as string)) return call;
    const name = locationName(callee.object as AnyNode, text);
    const pathNode = node('ArrayExpression', { elements: path.map(str) });
    const result = temp(env.scope);
    if (ARRAY_MUTATORS.has(method)) {
      // push, splice...: the array's contents change, recorded as a write of its length (what `a.length` reads)
      const at = site(call, 'write', { name });
      return seq([assign(result, call), rt('wa', [frame(env.scope), siteRef(at), clone(root), pathNode]), result]);
    }
    const write = COLLECTION_WRITES.has(method);
    const at = site(call, write ? 'write' : readRole(env), { name });
    const key = temp(env.scope);
    args[0] = assign(key, args[0]);
    return seq([assign(result, call), rt(write ? 'wm' : 'rm', [frame(env.scope), siteRef(at), clone(root), pathNode, key]), result]);
  };

  // ---- the walk -----------------------------------------------------------------------------------------------------
  // (no try/finally: a throw ends the whole instrumentation, `parents` with it)
  const visit = (n: AnyNode, use: Use, env: Env): AnyNode => {
    parents.push(n);
    const result = visitNode(n, use, env);
    parents.pop();
    return result;
  };

  const visitNode = (n: AnyNode, use: Use, env: Env): AnyNode => {
    switch (n.type) {
      case 'Identifier': {
        if (use !== 'value' || !isOuterVar(n, env)) return n;
        const at = site(n, readRole(env), { name: n.name as string });
        sites[at].v = varIndex(n);
        return seq([rtSet('RV', siteRef(at)), n]);
      }
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return visitFunction(n, env);
      case 'Program':
      case 'BlockStatement':
      case 'StaticBlock': {
        const body = n.body as AnyNode[];
        for (let i = 1; i < body.length; i++) {
          const first = statementAwait(body[i - 1]);
          const second = statementAwait(body[i]);
          if (first && second && !mentions(second.argument as AnyNode, namesBoundBy(body[i - 1]))) sequentialPairs.push([first, second]);
        }
        visitList(body, 'value', n.type === 'StaticBlock' ? { ...env, locals: null, beforeFinally: false, ownFrame: true } : env);
        return n;
      }
      case 'ExpressionStatement':
        valueUnused.add(n.expression as AnyNode);
        n.expression = visit(n.expression as AnyNode, 'value', env);
        return n;
      case 'VariableDeclarator':
        visitPattern(n.id as AnyNode, env);
        child(n, 'init', 'value', kept(env));
        return n;
      case 'ReturnStatement':
        child(n, 'argument', 'value', kept(env));
        // reported when the function's scheme is known; one that a finally block follows keeps the frame id
        if (env.beforeFinally) env.scope.keepsFrame = true;
        if (!env.ownFrame) env.scope.returns.push(n);
        return n;
      case 'TryStatement': {
        const inner = n.finalizer ? { ...env, beforeFinally: true } : env;
        child(n, 'block', 'value', inner);
        child(n, 'handler', 'value', inner);
        child(n, 'finalizer', 'value', env);
        if (!env.ownFrame) {
          // a catch clause or a finally block starts: whatever the throw unwound is reported there
          if (n.handler) env.scope.catches.push((n.handler as AnyNode).body as AnyNode);
          if (n.finalizer) env.scope.finallies.push(n.finalizer as AnyNode);
        }
        return n;
      }
      case 'IfStatement':
      case 'ConditionalExpression':
      case 'WhileStatement':
      case 'DoWhileStatement':
        child(n, 'test', 'value', inTest(env));
        for (const key of ['consequent', 'alternate', 'body']) child(n, key, 'value', env);
        return LOOPS.has(n.type) ? instrumentLoop(n, env) : n;
      case 'LogicalExpression':
        child(n, 'left', 'value', inTest(env));
        child(n, 'right', 'value', env);
        return n;
      case 'ForInStatement':
      case 'ForOfStatement': {
        const left = n.left as AnyNode;
        if (left.type === 'VariableDeclaration') for (const d of left.declarations as AnyNode[]) visitPattern(d.id as AnyNode, env);
        else visitPattern(left, env);
        child(n, 'right', 'value', env);
        child(n, 'body', 'value', env);
        return instrumentLoop(n, env);
      }
      case 'ForStatement':
        if (n.update) valueUnused.add(n.update as AnyNode);
        for (const key of ['init', 'test', 'update', 'body']) child(n, key, 'value', env);
        return instrumentLoop(n, env);
      case 'CatchClause':
        visitPattern(n.param as AnyNode | null, env);
        child(n, 'body', 'value', env);
        return n;
      case 'LabeledStatement': {
        child(n, 'body', 'value', env);
        const body = n.body as AnyNode;
        if (!forAwaitBlocks.has(body)) return n;
        // `outer: for await (...)`: the report goes before the label, which must stay on the loop
        const [report, loop] = body.body as AnyNode[];
        n.body = loop;
        const before = block([report, n]);
        forAwaitBlocks.add(before);
        return before;
      }
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'Literal':
      case 'TemplateElement':
      case 'ThisExpression':
      case 'Super':
      case 'PrivateIdentifier':
      case 'EmptyStatement':
      case 'DebuggerStatement':
        return n;
      case 'ExportNamedDeclaration':
        child(n, 'declaration', 'value', env);
        return n;
      case 'ExportDefaultDeclaration':
        child(n, 'declaration', 'value', env);
        return n;
      case 'ClassDeclaration':
      case 'ClassExpression':
        child(n, 'superClass', 'value', env);
        child(n, 'body', 'value', env);
        return n;
      case 'MethodDefinition':
      case 'PropertyDefinition':
      case 'Property':
        if (n.computed) child(n, 'key', 'value', env);
        if (n.value) {
          const before = n.value;
          child(n, 'value', 'value', n.type === 'PropertyDefinition' ? { ...env, beforeFinally: false, ownFrame: true } : env);
          if (n.shorthand && n.value !== before) n.shorthand = false;
        }
        return n;
      case 'MemberExpression': {
        const recordable = use === 'value' && recordableMember(n, env) && races!.writtenProps.has(propName(n));
        const name = recordable ? locationName(n, text) : '';
        visitMemberParts(n, use, env);
        if (!recordable) return n;
        const at = site(n, readRole(env), { name });
        const setup: AnyNode[] = [];
        const s = stable(n, env, setup);
        return seq([...setup, rt('rp', [frame(env.scope), siteRef(at), s.object, s.key]), s.access]);
      }
      case 'ChainExpression':
        // inside an optional chain nothing is taken apart: `a?.b.c` must short-circuit as a whole
        n.expression = visit(n.expression as AnyNode, 'callee', env);
        return n;
      case 'CallExpression':
      case 'NewExpression': {
        const callee = n.callee as AnyNode;
        const method = callee.type === 'MemberExpression' && !callee.computed ? ((callee.property as AnyNode).name as string) : '';
        const args = n.arguments as AnyNode[];
        const collection =
          n.type === 'CallExpression' &&
          !n.optional &&
          !!races &&
          !!env.locals &&
          use !== 'callee' &&
          !callee.optional &&
          (ARRAY_MUTATORS.has(method) || ((COLLECTION_READS.has(method) || COLLECTION_WRITES.has(method)) && args.length > 0 && args[0].type !== 'SpreadElement'));
        if (callee.type === 'MemberExpression') visitMemberParts(callee, 'callee', env);
        else if (callee.type !== 'Super') n.callee = visit(callee, 'callee', env);
        child(n, 'arguments', 'value', env);
        return collection ? recordCollectionCall(n, env) : n;
      }
      case 'TaggedTemplateExpression': {
        const tag = n.tag as AnyNode;
        if (tag.type === 'MemberExpression') visitMemberParts(tag, 'callee', env);
        else n.tag = visit(tag, 'callee', env);
        child(n, 'quasi', 'value', env);
        return n;
      }
      case 'UnaryExpression': {
        const arg = n.argument as AnyNode;
        if (n.operator === 'delete' && arg.type === 'MemberExpression') visitMemberParts(arg, 'target', env);
        else if (!((n.operator === 'typeof' || n.operator === 'delete') && arg.type === 'Identifier')) child(n, 'argument', 'value', env);
        return n;
      }
      case 'UpdateExpression':
      case 'AssignmentExpression': {
        const target = (n.type === 'UpdateExpression' ? n.argument : n.left) as AnyNode;
        const op = n.operator as string;
        const recordable =
          !!races &&
          !!env.locals &&
          (isOuterVar(target, env) || recordableMember(target, env)) &&
          (n.type === 'UpdateExpression' || op === '=' || ARITHMETIC.has(op) || LOGICAL.has(op));
        const name = recordable ? (target.type === 'Identifier' ? (target.name as string) : locationName(target, text)) : '';
        const writeSite = recordable ? site(target, 'write', { name }) : -1;
        if (target.type === 'MemberExpression') visitMemberParts(target, 'target', env);
        else if (target.type !== 'Identifier') visitPattern(target, env);
        if (n.type === 'AssignmentExpression') child(n, 'right', 'value', env);
        if (!recordable) return n;
        const role = env.inTest ? 'check' : 'kept';
        return recordWrite(n, target, { write: writeSite, read: () => site(target, role, { name }) }, env);
      }
      case 'AwaitExpression': {
        child(n, 'argument', 'value', env);
        const id = site(n, 'await');
        awaitSiteOf.set(n, id);
        n.argument = rt('a', [frame(env.scope), siteRef(id), n.argument as AnyNode]);
        return n;
      }
      case 'YieldExpression': {
        child(n, 'argument', 'value', env);
        if (n.delegate) return n;
        const id = site(n, 'yield');
        const args = [frame(env.scope), siteRef(id)];
        if (n.argument) args.push(n.argument as AnyNode);
        n.argument = rt('y', args);
        return rt('yr', [frame(env.scope), n]);
      }
      default:
        for (const key of childKeys(n)) child(n, key, 'value', env);
        return n;
    }
  };

  /** `__ls.g()` first in every loop body, so a loop that never ends can be stopped; for-await reports its awaits. */
  const instrumentLoop = (n: AnyNode, env: Env): AnyNode => {
    const body = n.body as AnyNode;
    const statements = body.type === 'BlockStatement' ? (body.body as AnyNode[]) : [body];
    const head: AnyNode[] = [stmt(rt('g', []))];
    if (n.type === 'ForOfStatement' && n.await === true) {
      // the loop's own expression stays as written (V8 names it in "x is not async iterable"); the first await is
      // reported just before the loop starts, the later ones at the end of each pass
      const id = site(n, 'for-await');
      head.push(stmt(rt('fr', [frame(env.scope)])));
      head.push(node('TryStatement', { block: block(statements), handler: null, finalizer: block([stmt(rt('fa', [frame(env.scope), siteRef(id)]))]) }));
      n.body = block(head);
      const before = block([stmt(rt('fa', [frame(env.scope), siteRef(id)])), n]);
      forAwaitBlocks.add(before);
      return before;
    }
    n.body = block([...head, ...statements]);
    return n;
  };

  const moduleScope = newScope(null);
  visit(ast, 'value', { scope: moduleScope, locals: null, inTest: false, kept: false });
  reportHandlers(moduleScope, () => stmt(rtSet('F', frame(moduleScope))));

  // two await statements in a row where the second does not use what the first produced: they could run together
  for (const [first, second] of sequentialPairs) {
    const a = awaitSiteOf.get(first);
    const b = awaitSiteOf.get(second);
    if (a !== undefined && b !== undefined && b > a) sites[b].seqPrevOffset = b - a;
  }

  // Module prologue (after the directives): the file's sites, then the module's own frame (top-level await suspends
  // it). The sites are registered by a hoisted function, so a function of this module called before its body runs
  // (an import cycle) registers them itself.
  const body = ast.body as AnyNode[];
  let d = 0;
  while (d < body.length && typeof body[d].directive === 'string') d++;
  const prologue: [string, AnyNode | null][] = [
    [BASE, registered()],
    [FRAME, rt('e', [siteRef(0)])],
  ];
  for (let t = 0; t < moduleScope.temps; t++) prologue.push([`${TEMP}${t}`, null]);
  if (returnedUsed) prologue.push([RETURNED, null]);
  const register = node('FunctionDeclaration', {
    id: ident(REGISTER),
    params: [],
    generator: false,
    async: false,
    body: block([node('ReturnStatement', { argument: assign(ident(BASE), rt('r', [str(file), str(JSON.stringify(sites))])) })]),
  });
  body.splice(d, 0, varDecl(prologue));
  body.push(stmt(rt('x', [frame(moduleScope)])), register);

  const printed = print(ast as never, options.mapSource ?? file, source, positions);
  const table: FunctionTable = [];
  for (const r of printed.ranges) {
    const text = printed.code.slice(r.start, r.end);
    const first = SITE_IN_TEXT.exec(text);
    if (!first) continue;
    const n = r.node as unknown as AnyNode;
    // V8 gives a method's text from after `static`
    const start = n.static ? n.start + /^static\s*/.exec(source.slice(n.start))![0].length : n.start;
    table.push([Number(first[2]), text.length, start, n.end]);
  }
  return { code: printed.code, map: { ...printed.map, [FUNCTION_TABLE_FIELD]: table }, sites };
}
