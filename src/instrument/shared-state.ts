// What race recording needs to know about a file before the instrumentation pass (src/instrument/instrument.ts)
// records reads and writes of state that can outlive one coroutine step: outer mutable variables and simple member
// paths (this.x, a.b, a[k]), plus Map/Set membership. Only places that can race are recorded: variables written
// somewhere, properties whose name is written somewhere in the file.

type AnyNode = { type: string; start: number; end: number; [key: string]: unknown };

export const COLLECTION_READS = new Set(['has', 'get']);
export const COLLECTION_WRITES = new Set(['set', 'add', 'delete']);
/** methods that change an array in place: a write of the array (its `length`) */
export const ARRAY_MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);

const isNode = (v: unknown): v is AnyNode => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
const isFunction = (n: AnyNode) => n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';

const SCALAR_KEYS = new Set(['type', 'start', 'end', 'loc', 'range', 'raw', 'name', 'operator', 'prefix', 'computed', 'optional', 'kind', 'async', 'generator', 'directive', 'sourceType', 'method', 'shorthand', 'static', 'delegate', 'await', 'tail', 'regex', 'bigint']);
const keysOfType = new Map<string, string[]>();
/** The keys that may hold child nodes, per node type (every node of a type has the same keys, acorn's and ours alike). */
export function childKeys(n: AnyNode): string[] {
  let keys = keysOfType.get(n.type);
  if (!keys) keysOfType.set(n.type, (keys = Object.keys(n).filter((k) => !SCALAR_KEYS.has(k))));
  return keys;
}

/** Calls `f` on each child node of `n`, in source order of its keys (no array made). */
export function forEachChild(n: AnyNode, f: (c: AnyNode) => void): void {
  const keys = childKeys(n);
  for (let k = 0; k < keys.length; k++) {
    const v = n[keys[k]];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (isNode(v[i])) f(v[i] as AnyNode);
    } else if (isNode(v)) f(v);
  }
}

/** A node's child nodes, in source order of its keys. */
export function childNodes(n: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  forEachChild(n, (c) => out.push(c));
  return out;
}

/** The names a declaration pattern binds (`{ a, b: [c, ...d] = x }` binds a, c, d). */
export function patternNames(p: AnyNode | null | undefined, out: Set<string>): void {
  if (!p) return;
  switch (p.type) {
    case 'Identifier':
      out.add(p.name as string);
      break;
    case 'ObjectPattern':
      for (const prop of p.properties as AnyNode[]) patternNames(prop.type === 'RestElement' ? (prop.argument as AnyNode) : (prop.value as AnyNode), out);
      break;
    case 'ArrayPattern':
      for (const el of p.elements as (AnyNode | null)[]) patternNames(el, out);
      break;
    case 'RestElement':
      patternNames(p.argument as AnyNode, out);
      break;
    case 'AssignmentPattern':
      patternNames(p.left as AnyNode, out);
      break;
  }
}

export interface RaceFacts {
  /** variables declared with let/var and assigned somewhere in the file */
  racyVars: Set<string>;
  /** property names assigned somewhere in the file ('[]' for computed keys) */
  writtenProps: Set<string>;
  /** the names each function declares for itself: parameters, var/let/const/function/class in its body (not in nested functions) */
  declared: Map<AnyNode, Set<string>>;
}

/**
 * What the whole file writes (variable names declared with let/var, names assigned, property names assigned) and
 * what each function declares, in one walk of the file before it is instrumented.
 */
export function raceFacts(ast: AnyNode): RaceFacts {
  const mutableVars = new Set<string>();
  const writtenVars = new Set<string>();
  const writtenProps = new Set<string>();
  const declared = new Map<AnyNode, Set<string>>();
  let names: Set<string> | null = null; // the current function's (none at the module's top level)
  const walk = (n: AnyNode) => {
    const outer = names;
    if (isFunction(n)) {
      if (n.type === 'FunctionDeclaration' && n.id) names?.add((n.id as AnyNode).name as string);
      declared.set(n, (names = new Set()));
      for (const p of n.params as AnyNode[]) patternNames(p, names);
      if (n.type === 'FunctionExpression' && n.id) names.add((n.id as AnyNode).name as string);
    } else if (names) {
      if (n.type === 'VariableDeclarator') patternNames(n.id as AnyNode, names);
      else if (n.type === 'ClassDeclaration' && n.id) names.add((n.id as AnyNode).name as string);
      else if (n.type === 'CatchClause' && n.param) patternNames(n.param as AnyNode, names);
    }
    if (n.type === 'VariableDeclaration' && n.kind !== 'const') for (const d of n.declarations as AnyNode[]) patternNames(d.id as AnyNode, mutableVars);
    const target = n.type === 'AssignmentExpression' ? (n.left as AnyNode) : n.type === 'UpdateExpression' ? (n.argument as AnyNode) : null;
    if (target?.type === 'Identifier') writtenVars.add(target.name as string);
    if (target?.type === 'MemberExpression' && !target.computed) writtenProps.add(((target.property as AnyNode).name as string) ?? '');
    if (target?.type === 'MemberExpression' && target.computed) writtenProps.add('[]');
    // an array changed in place makes its length a location that can race
    const callee = n.type === 'CallExpression' ? (n.callee as AnyNode) : null;
    if (callee?.type === 'MemberExpression' && !callee.computed && ARRAY_MUTATORS.has((callee.property as AnyNode).name as string)) writtenProps.add('length');
    forEachChild(n, walk);
    names = outer;
  };
  walk(ast);
  return { racyVars: new Set([...writtenVars].filter((v) => mutableVars.has(v))), writtenProps, declared };
}

/** A base or key whose location can be named: this, identifiers, literals, and non-computed chains of them. */
export function isSimple(n: AnyNode): boolean {
  if (n.type === 'ThisExpression' || n.type === 'Identifier' || n.type === 'Literal') return true;
  if (n.type === 'MemberExpression' && !n.optional) return isSimple(n.object as AnyNode) && (!n.computed || isSimple(n.property as AnyNode));
  return false;
}

/** The location as a person writes it (`this.stats.hits`, `cache`); computed keys become []. */
export function locationName(n: AnyNode, text: (n: AnyNode) => string): string {
  if (n.type === 'MemberExpression') return `${locationName(n.object as AnyNode, text)}${n.computed ? '[]' : `.${(n.property as AnyNode).name as string}`}`;
  if (n.type === 'ThisExpression') return 'this';
  return text(n);
}
